package com.switchboard.admin;

import com.switchboard.input.RequestRejectedException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/**
 * Messages of the console's pages. A refusal of a boundary carries a code ({@code inbox.name}, …); a page maps the
 * codes it knows to its fields, so the message stands next to the field it is about, and any other one on top.
 * Messages meant for the page after a redirect go through the flash (post-redirect-get).
 */
public final class Feedback {

    private Feedback() {
    }

    public static void rejected(RequestRejectedException refusal, Map<String, String> fieldsByCode) {
        var field = fieldsByCode.entrySet().stream().filter(e -> refusal.code().startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        FacesContext.getCurrentInstance().addMessage(field,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.getMessage(), null));
    }

    public static void error(String field, String message) {
        FacesContext.getCurrentInstance().addMessage(field,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public static void warning(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_WARN, message, null));
    }

    /** A message shown on the page the action redirects to. */
    public static void afterRedirect(String message) {
        var context = FacesContext.getCurrentInstance();
        context.getExternalContext().getFlash().setKeepMessages(true);
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void warningAfterRedirect(String message) {
        var context = FacesContext.getCurrentInstance();
        context.getExternalContext().getFlash().setKeepMessages(true);
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, message, null));
    }
}
