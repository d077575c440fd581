package com.switchboard.attachment.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * A node that starts, and every node once an hour, deletes the temporary files uploads left behind when a node died
 * while receiving them (every other path deletes its own): after a restart within the hour of a crash, or another
 * node's crash, none stays for long. Nodes share the attachment directory, so a file another node may still be
 * using is spared: one lives from the upload to the commit of its message, seconds as a rule, and an hour also
 * covers clocks that differ between the nodes and the file server.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AbandonedUploadsSweep {

    static final Duration AGE = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(AbandonedUploadsSweep.class.getName());

    @EJB
    AttachmentStore store;

    @PostConstruct
    void atStart() {
        deleteAbandonedUploads();
    }

    @Schedule(minute = "23", hour = "*", persistent = false, info = "delete abandoned uploads")
    void deleteAbandonedUploads() {
        int deleted = store.deleteAbandonedUploads(AGE);
        if (deleted > 0) {
            LOG.info(() -> "Deleted " + deleted + " abandoned uploads from the attachment directory");
        }
    }
}
