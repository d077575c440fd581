package com.switchboard.customer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A conversation the customer started on the widget's offline form: where they came from, on their card. */
@Entity
@Table(name = "offline_form_conversation")
@NamedQuery(name = OfflineFormConversation.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM OfflineFormConversation f WHERE f.conversationId IN :ids")
public class OfflineFormConversation {

    public static final String DELETE_OF_CONVERSATIONS = "OfflineFormConversation.deleteOfConversations";

    @Id
    @Column(name = "conversation_id")
    private long conversationId;

    protected OfflineFormConversation() {
    }

    public OfflineFormConversation(long conversationId) {
        this.conversationId = conversationId;
    }
}
