package com.switchboard.widget;

import com.switchboard.realtime.OriginAllowlist;
import com.switchboard.security.ResponseHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets the sites that may embed the widget frame its panel, and only them. Payara sends
 * {@code X-Frame-Options: SAMEORIGIN} on every page, which would keep the widget's iframe blank on a customer's
 * site; a {@code Content-Security-Policy: frame-ancestors} takes precedence over it in browsers. The sites are the
 * ones allowed to open the sockets ({@code switchboard.websocket.origins}, e.g. {@code https://shop.example.com,
 * http://localhost:*}, the syntax CSP uses too); {@code *} lets any site embed it, as the sockets do; nothing lets
 * only Switchboard's own pages frame it.
 * The rest of the panel's policy is every page's ({@link ResponseHeaders}).
 */
@WebFilter("/visitor.html")
public class WidgetFraming extends HttpFilter {

    private String policy;

    @Override
    public void init() {
        var sites = OriginAllowlist.configured();
        policy = ResponseHeaders.PAGE_POLICY + "; frame-ancestors "
                + (sites.allowsAny() ? "*" : String.join(" ", "'self'", String.join(" ", sites.origins())).strip());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy);
        chain.doFilter(request, response);
    }
}
