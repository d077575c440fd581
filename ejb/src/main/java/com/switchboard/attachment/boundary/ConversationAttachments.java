package com.switchboard.attachment.boundary;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.attachment.entity.AttachmentKind;
import java.util.List;

/** A conversation's attachments, oldest first, pictures apart from other files. */
public record ConversationAttachments(List<AttachedFile> images, List<AttachedFile> files) {

    public static ConversationAttachments of(List<AttachedFile> attachments) {
        return new ConversationAttachments(
                attachments.stream().filter(a -> a.kind() == AttachmentKind.IMAGE).toList(),
                attachments.stream().filter(a -> a.kind() == AttachmentKind.FILE).toList());
    }
}
