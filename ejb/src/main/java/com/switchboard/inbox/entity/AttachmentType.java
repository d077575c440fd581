package com.switchboard.inbox.entity;

/** The kinds of file an inbox may accept; what a file is gets decided by its content, never its name. */
public enum AttachmentType {
    PDF, DOC, DOCX, PPT, PPTX, XLS, XLSX, TXT, RTF, JPG, PNG, GIF, BMP, WEBP, TIFF, HEIC
}
