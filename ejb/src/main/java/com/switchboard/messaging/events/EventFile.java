package com.switchboard.messaging.events;

/**
 * A file sent with a message, as its events describe it (never its content): its id for the download, its name,
 * its media type as checked, its kind ({@code AttachmentKind}) and its size in bytes.
 */
public record EventFile(long id, String name, String mediaType, String kind, long size) {
}
