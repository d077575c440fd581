package com.switchboard.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Tells {@link ApiFailures} that a request completed (a 2xx answer), so that the log says when requests work again
 * after an outage. A refusal (4xx) says nothing of the database: an unknown path is refused without it.
 */
@Provider
public class ApiSuccesses implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
            ApiFailures.REQUESTS.succeeded();
        }
    }
}
