package com.switchboard.security;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Forms (the sign-ins, a password reset, the console's pages) are a few fields: one larger than
 * {@value #MAX_BYTES} bytes, or one whose length is not said in advance, is refused before it is read. The API's
 * form reader would otherwise hold any size in memory (a few forms of 60 MB filled the heap), and the console's
 * runtime fails with an error page past its own limit. Browsers always send a form's length.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class FormSizeLimit extends HttpFilter {

    /** As the API's JSON bodies (JsonBodyReader): far above any form of Switchboard's. */
    static final int MAX_BYTES = 64 * 1024;
    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            long length = request.getContentLengthLong();
            if (length < 0) {
                refuse(request, response, HttpServletResponse.SC_LENGTH_REQUIRED, "request.length-required",
                        "Send forms with a Content-Length.");
                return;
            }
            if (length > MAX_BYTES) {
                refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request.too-large",
                        "A form may have at most " + MAX_BYTES / 1024 + " KB.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** As the API answers every refusal (a code and a message), and the console's pages as a page. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                               String message) throws IOException {
        response.setStatus(status);
        // The body is not read: the connection cannot carry another request after it.
        response.setHeader("Connection", "close");
        var path = request.getServletPath();
        if (path.equals("/api") || path.startsWith("/api/")) {
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("code", code).add("message", message).build()
                    .toString());
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Refused · Switchboard</title></head><body><main><h1>Refused</h1><p>" + message
                    + "</p></main></body></html>");
        }
    }
}
