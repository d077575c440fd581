package com.switchboard.attachment.boundary;

import com.switchboard.attachment.entity.AttachedFile;
import java.io.InputStream;

/** An attachment opened for reading; whoever receives it closes {@code content}. */
public record AttachmentDownload(AttachedFile file, InputStream content) {
}
