package com.switchboard.attachment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A file sent with a message. Its bytes live in the attachment directory under {@code storageName}, a name the
 * server chose; the name the sender gave is kept, cleaned, for display only. The message and its conversation
 * are named by id: the conversation capability, which owns them, links messages to their files.
 */
@Entity
@Table(name = "attachment")
@NamedQuery(name = Attachment.STORAGE_NAMES_OF_CONVERSATIONS,
        query = "SELECT a.storageName FROM Attachment a WHERE a.conversationId IN :ids")
@NamedQuery(name = Attachment.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM Attachment a WHERE a.conversationId IN :ids")
public class Attachment {

    public static final String STORAGE_NAMES_OF_CONVERSATIONS = "Attachment.storageNamesOfConversations";
    public static final String DELETE_OF_CONVERSATIONS = "Attachment.deleteOfConversations";
    public static final int MAX_PER_MESSAGE = 5;
    public static final long MAX_SIZE = 20L * 1024 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_id")
    private long messageId;

    @Column(name = "conversation_id")
    private long conversationId;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "media_type")
    private String mediaType;

    @Enumerated(EnumType.STRING)
    private AttachmentKind kind;

    @Column(name = "size_bytes")
    private long size;

    private String sha256;

    @Column(name = "storage_name")
    private String storageName;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Attachment() {
    }

    public Attachment(AttachedTo message, String fileName, String mediaType, AttachmentKind kind, long size,
                      String sha256, String storageName) {
        this.messageId = message.messageId();
        this.conversationId = message.conversationId();
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.kind = kind;
        this.size = size;
        this.sha256 = sha256;
        this.storageName = storageName;
        this.createdAt = message.sentAt();
    }

    /** @param seq its message's seq */
    public AttachedFile describe(long seq) {
        return new AttachedFile(id, seq, fileName, mediaType, kind, size);
    }

    public Long getId() {
        return id;
    }

    public long getMessageId() {
        return messageId;
    }

    public long getConversationId() {
        return conversationId;
    }

    public String getFileName() {
        return fileName;
    }

    public String getMediaType() {
        return mediaType;
    }

    public AttachmentKind getKind() {
        return kind;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    public String getStorageName() {
        return storageName;
    }
}
