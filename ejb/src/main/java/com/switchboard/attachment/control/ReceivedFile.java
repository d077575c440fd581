package com.switchboard.attachment.control;

import com.switchboard.inbox.entity.AttachmentType;
import java.nio.file.Path;

/**
 * An uploaded file that passed the rules every attachment obeys (size, a known type) and waits in a temporary
 * file for its message to be stored. {@code name} is already cleaned for display.
 */
public record ReceivedFile(Path temporary, String name, String mediaType, AttachmentType type, long size,
                           String sha256) {
}
