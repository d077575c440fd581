package com.switchboard.conversation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

    @Test
    void statusesOnlyMoveUp() {
        assertTrue(DeliveryStatus.DELIVERED.canFollow(DeliveryStatus.QUEUED));
        assertTrue(DeliveryStatus.READ.canFollow(DeliveryStatus.DELIVERED));
        assertTrue(DeliveryStatus.READ.canFollow(DeliveryStatus.QUEUED), "read without a delivery receipt first");
        assertFalse(DeliveryStatus.DELIVERED.canFollow(DeliveryStatus.READ), "READ never becomes DELIVERED");
        assertFalse(DeliveryStatus.READ.canFollow(DeliveryStatus.READ), "a repeated receipt changes nothing");
    }

    @Test
    void onlyAQueuedMessageFailsAndAFailedOneMayStillArrive() {
        assertTrue(DeliveryStatus.FAILED.canFollow(DeliveryStatus.QUEUED));
        assertFalse(DeliveryStatus.FAILED.canFollow(DeliveryStatus.DELIVERED), "what arrived cannot fail");
        assertFalse(DeliveryStatus.FAILED.canFollow(DeliveryStatus.READ));
        assertFalse(DeliveryStatus.FAILED.canFollow(DeliveryStatus.FAILED), "the first reason stays");
        assertTrue(DeliveryStatus.DELIVERED.canFollow(DeliveryStatus.FAILED), "the visitor came back");
    }

    @Test
    void theBulkUpdateTakesExactlyTheLowerStatuses() {
        assertEquals(Set.of(), DeliveryStatus.QUEUED.lower());
        assertEquals(Set.of(DeliveryStatus.QUEUED), DeliveryStatus.FAILED.lower());
        assertEquals(Set.of(DeliveryStatus.QUEUED, DeliveryStatus.FAILED), DeliveryStatus.DELIVERED.lower());
        assertEquals(Set.of(DeliveryStatus.QUEUED, DeliveryStatus.FAILED, DeliveryStatus.DELIVERED),
                DeliveryStatus.READ.lower());
        for (var status : DeliveryStatus.values()) {
            for (var current : DeliveryStatus.values()) {
                assertEquals(status.canFollow(current), status.lower().contains(current), status + " after " + current);
            }
        }
    }

    @Test
    void eachSideReceivesTheOthersMessages() {
        assertEquals(AuthorType.AGENT, Recipient.VISITOR.receives());
        assertEquals(AuthorType.VISITOR, Recipient.AGENTS.receives());
        assertFalse(AuthorType.INTERNAL.isPublic(), "internal entries never reach the visitor");
        assertFalse(AuthorType.NOTE.isPublic());
        assertTrue(AuthorType.SYSTEM.isPublic());
    }
}
