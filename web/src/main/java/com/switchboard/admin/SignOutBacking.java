package com.switchboard.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/** The console's sign-out button (a POST of the header's form, so another site cannot sign anyone out). */
@Named
@RequestScoped
public class SignOutBacking {

    @Inject
    FacesContext faces;

    public String signOut() throws ServletException {
        var request = (HttpServletRequest) faces.getExternalContext().getRequest();
        request.logout();
        faces.getExternalContext().invalidateSession();
        return "/admin/signin.xhtml?faces-redirect=true";
    }
}
