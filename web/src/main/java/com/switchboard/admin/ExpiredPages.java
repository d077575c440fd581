package com.switchboard.admin;

import jakarta.faces.FacesException;
import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A form sent from a page whose state the server no longer has, or a page that deletes opened without the
 * console's own link (a bookmark, another site's link): the console shows its "page expired" page (400) instead
 * of the error page, and nothing is logged. The container's error pages cannot tell these apart, as the runtime
 * hands them every failure wrapped in a ServletException.
 */
public class ExpiredPages extends ExceptionHandlerFactory {

    static final String EXPIRED = "/admin/expired.xhtml";

    public ExpiredPages(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            var faces = FacesContext.getCurrentInstance();
            var events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                if (expired(events.next().getContext().getException())
                        && !faces.getPartialViewContext().isAjaxRequest()) {
                    events.remove();
                    faces.getExternalContext().setResponseStatus(HttpServletResponse.SC_BAD_REQUEST);
                    faces.setViewRoot(faces.getApplication().getViewHandler().createView(faces, EXPIRED));
                    faces.renderResponse();
                }
            }
            getWrapped().handle();
        }

        private static boolean expired(Throwable failure) {
            for (var cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ViewExpiredException || cause instanceof ProtectedViewException) {
                    return true;
                }
                if (!(cause instanceof FacesException)) {
                    return false;
                }
            }
            return false;
        }
    }
}
