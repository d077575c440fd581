package com.switchboard.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseRoomTest {

    private final AtomicLong now = new AtomicLong();
    private final DatabaseRoom room = new DatabaseRoom(now::get);

    @Test
    void writesRefusedForLackOfRoomKeepItLackingUntilNoneHasFailedForAWhile() {
        assertTrue(room.lacking().isEmpty());
        room.failed(new EJBException(new SQLTimeoutException("Statement cancelled due to timeout")));
        assertTrue(room.lacking().isEmpty(), "a stall is not a lack of room");

        room.failed(new EJBException(new SQLException("The table 'message' is full", "HY000", 1114)));
        assertEquals(Optional.of("The table 'message' is full"), room.lacking());
        now.addAndGet(DatabaseRoom.DOWN_FOR.toNanos() - 1);
        room.failed(new EJBException(new SQLException("The table 'outbound_event' is full", "HY000", 1114)));
        now.addAndGet(DatabaseRoom.DOWN_FOR.toNanos() - 1);
        assertEquals(Optional.of("The table 'message' is full"), room.lacking(), "still refused lately");

        now.addAndGet(2);
        assertTrue(room.lacking().isEmpty());
        room.failed(new EJBException(new SQLException("The table 'message' is full", "HY000", 1114)));
        assertTrue(room.lacking().isPresent(), "lacking again at the next refusal");
    }
}
