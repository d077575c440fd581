package com.switchboard.admin;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;

/**
 * An id in a page's address ({@code view.xhtml?id=12}): anything that is not a positive whole number is no id
 * (null), which the page answers like an id of nothing, instead of failing the conversion and rendering a page
 * without its subject.
 */
@FacesConverter("switchboard.id")
public class IdParameter implements Converter<Long> {

    @Override
    public Long getAsObject(FacesContext context, UIComponent component, String value) {
        try {
            var id = value == null ? 0 : Long.parseLong(value.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Long value) {
        return value == null ? "" : value.toString();
    }
}
