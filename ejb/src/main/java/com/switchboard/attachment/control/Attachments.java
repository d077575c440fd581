package com.switchboard.attachment.control;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.attachment.entity.AttachedTo;
import com.switchboard.attachment.entity.Attachment;
import com.switchboard.attachment.entity.AttachmentKind;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** The attachment rows of messages, kept in step with their files in the {@link AttachmentStore}. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Attachments {

    @PersistenceContext
    EntityManager em;

    @EJB
    AttachmentStore store;

    /**
     * Attaches the received files to a message just stored (and flushed: it has its id), if its conversation's
     * inbox accepts their types; the files reach the attachment directory when the transaction commits.
     */
    public List<AttachedFile> attach(AttachedTo message, Set<AttachmentType> accepted, List<ReceivedFile> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        for (var file : files) {
            if (!accepted.contains(file.type())) {
                throw RequestRejectedException.invalid("attachment.type-not-accepted",
                        "This inbox does not accept " + file.type() + " files ('" + file.name() + "').");
            }
        }
        var storageNames = new LinkedHashMap<ReceivedFile, String>();
        var attachments = new ArrayList<Attachment>();
        for (var file : files) {
            var storageName = store.newStorageName();
            storageNames.put(file, storageName);
            var attachment = new Attachment(message, file.name(), file.mediaType(), AttachmentKind.of(file.type()),
                    file.size(), file.sha256(), storageName);
            em.persist(attachment);
            em.flush(); // one at a time: the generated ids follow the files' order
            attachments.add(attachment);
        }
        store.storeOnCommit(storageNames);
        return attachments.stream().map(attachment -> attachment.describe(message.seq())).toList();
    }

    /** Removes the rows now and the files once the deletion commits. */
    public void deleteOfConversations(Collection<Long> conversationIds) {
        var storageNames = em.createNamedQuery(Attachment.STORAGE_NAMES_OF_CONVERSATIONS, String.class)
                .setParameter("ids", conversationIds).getResultList();
        em.createNamedQuery(Attachment.DELETE_OF_CONVERSATIONS).setParameter("ids", conversationIds).executeUpdate();
        store.deleteOnCommit(storageNames);
    }
}
