package com.switchboard.api;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.attachment.boundary.ConversationAttachments;
import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.control.PostedMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;

/** The JSON of attachments, the same for agents and visitors. */
public final class AttachmentJson {

    private AttachmentJson() {
    }

    public static JsonObject posted(PostedMessage posted) {
        return JSON.createObjectBuilder()
                .add("conversationId", posted.conversationId())
                .add("seq", posted.seq())
                .add("at", posted.at().toString())
                .add("attachments", files(posted.attachments()))
                .build();
    }

    public static JsonObject listed(ConversationAttachments attachments) {
        return JSON.createObjectBuilder()
                .add("images", files(attachments.images()))
                .add("files", files(attachments.files()))
                .build();
    }

    private static JsonArray files(List<AttachedFile> files) {
        var array = JSON.createArrayBuilder();
        files.forEach(file -> array.add(JSON.createObjectBuilder()
                .add("id", file.id())
                .add("seq", file.seq())
                .add("name", file.name())
                .add("mediaType", file.mediaType())
                .add("kind", file.kind().name())
                .add("size", file.size())));
        return array.build();
    }
}
