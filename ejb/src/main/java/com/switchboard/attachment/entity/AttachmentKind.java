package com.switchboard.attachment.entity;

import com.switchboard.inbox.entity.AttachmentType;

/** How people see an attachment: a picture to show, or a file to download. */
public enum AttachmentKind {
    IMAGE, FILE;

    public static AttachmentKind of(AttachmentType type) {
        return type.isImage() ? IMAGE : FILE;
    }
}
