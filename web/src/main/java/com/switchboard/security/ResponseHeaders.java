package com.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * What every response of the application says about itself, whatever proxy it runs behind (or none):
 * <ul>
 * <li>no content sniffing, referrers only to this origin;</li>
 * <li>a Content-Security-Policy: scripts, styles, connections and forms of this origin only, no plugins, no
 * {@code <base>}, framed by this origin only (the widget's panel gets its own frame-ancestors,
 * {@code WidgetFraming}). The console's pages keep inline handlers (Faces renders them), so inline scripts stay
 * allowed; what a visitor writes is always escaped (tested by the browser journeys);</li>
 * <li>redirects relative to this host, so a forged {@code Host} header never becomes an address we send people
 * to.</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ResponseHeaders extends HttpFilter {

    /** The page policy without frame-ancestors, which depend on the page. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
            + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
    private static final String WIDGET_PANEL = "/visitor.html";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!WIDGET_PANEL.equals(request.getServletPath())) {
            response.setHeader("Content-Security-Policy", PAGE_POLICY + "; frame-ancestors 'self'");
        }
        chain.doFilter(request, new RelativeRedirects(response));
    }

    /** {@code sendRedirect} without the container's turning the location into an absolute URL from the Host. */
    private static final class RelativeRedirects extends HttpServletResponseWrapper {

        RelativeRedirects(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            if (location.startsWith("/") && !location.startsWith("//")) {
                resetBuffer();
                setStatus(SC_FOUND);
                setHeader("Location", location);
                flushBuffer();
            } else {
                super.sendRedirect(location);
            }
        }
    }
}
