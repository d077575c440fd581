package com.switchboard.admin.conversations;

import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** A download as the answer to a console action: the page is not rendered, the file is written instead. */
final class FileResponse {

    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private FileResponse() {
    }

    static void send(String fileName, String mediaType, Body body) {
        var faces = FacesContext.getCurrentInstance();
        var external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType(mediaType);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        external.setResponseHeader("Cache-Control", "private, no-store");
        try {
            body.writeTo(external.getResponseOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }
}
