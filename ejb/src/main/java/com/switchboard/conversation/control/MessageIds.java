package com.switchboard.conversation.control;

import com.switchboard.persistence.control.IdBlocks;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ids of new messages, known before their INSERT: an id the database generates (AUTO_INCREMENT) is read back
 * statement by statement, which kept a batch of follow-ups from sending its messages' rows as one JDBC batch. They
 * come from blocks that each node reserves for itself ({@link IdBlocks}), so they are unique but not in the order
 * messages were written: nothing orders messages by id (the seq does), an id only names its row (a file's message).
 */
@ApplicationScoped
public class MessageIds {

    static final String KIND = "message";
    /** A block lasts a busy node a second or so; a restart leaves at most its unused rest as a gap. */
    static final int BLOCK = 1000;

    @EJB
    IdBlocks blocks;

    private long next;
    private long end;

    public synchronized long next() {
        if (next == end) {
            next = blocks.reserve(KIND, BLOCK);
            end = next + BLOCK;
        }
        return next++;
    }
}
