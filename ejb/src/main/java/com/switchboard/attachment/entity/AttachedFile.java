package com.switchboard.attachment.entity;

/** What a message's reader learns about one of its attachments (in events, transcripts and lists). */
public record AttachedFile(long id, long seq, String name, String mediaType, AttachmentKind kind, long size) {
}
