package com.switchboard.conversation.control;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.entity.Message;
import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.messaging.events.EventFile;
import java.util.List;

/** A stored message as the consoles and the widget get it, live or replayed. */
public final class MessageEvents {

    private MessageEvents() {
    }

    public static ConversationEvent created(Message message, long inboxId) {
        return created(message, inboxId, List.of());
    }

    public static ConversationEvent created(Message message, long inboxId, List<AttachedFile> attachments) {
        var agent = message.getAuthorAgent();
        return new ConversationEvent(ConversationEvent.MESSAGE_CREATED, message.getConversation().getId(), inboxId,
                message.getSeq(), message.getAuthorType().name(), message.getBody(), message.getCreatedAt(),
                message.getOptions(), attachments.stream().map(MessageEvents::file).toList(),
                agent == null ? null : agent.getId(), agent == null ? null : agent.getDisplayName(),
                message.getQuoteSeq(), message.getClientId(), message.getDeliveryStatus().name(),
                message.getFailureReason(), null, message.getShownAuthorName());
    }

    private static EventFile file(AttachedFile file) {
        return new EventFile(file.id(), file.name(), file.mediaType(), file.kind().name(), file.size());
    }
}
