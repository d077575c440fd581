package com.switchboard.api;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.attachment.entity.Attachment;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refuses an upload larger than five full-size files (plus room for the multipart framing and a text) before
 * its body is read: the multipart reader would otherwise spool all of it to disk first. Each file's own limit is
 * checked while it streams ({@code AttachmentStore}).
 */
@Provider
@UploadSizeLimit.Limited
public class UploadSizeLimit implements ContainerRequestFilter {

    static final long MAX_REQUEST_BYTES = Attachment.MAX_PER_MESSAGE * Attachment.MAX_SIZE + 1024 * 1024;

    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Limited {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long length;
        try {
            length = Long.parseLong(request.getHeaderString("Content-Length").strip());
        } catch (NullPointerException | NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            request.abortWith(refusal(Response.Status.LENGTH_REQUIRED, "upload.length-required",
                    "Send uploads with a Content-Length."));
        } else if (length > MAX_REQUEST_BYTES) {
            request.abortWith(refusal(Response.Status.REQUEST_ENTITY_TOO_LARGE, "upload.too-large",
                    "An upload may have at most " + Attachment.MAX_PER_MESSAGE + " files of "
                            + Attachment.MAX_SIZE / (1024 * 1024) + " MB each."));
        }
    }

    private static Response refusal(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.createObjectBuilder().add("code", code).add("message", message).build().toString())
                .build();
    }
}
