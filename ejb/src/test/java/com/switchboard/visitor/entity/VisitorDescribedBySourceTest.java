package com.switchboard.visitor.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A legacy system's message whose details change nothing of its customer may skip writing them. */
class VisitorDescribedBySourceTest {

    @Test
    void whatAMessageLeavesOutOrRepeatsChangesNothingAndAnythingElseDoes() {
        var visitor = new Visitor("token");
        visitor.describedBySource("Ada Lovelace", "ada@example.com", "crm");

        assertTrue(visitor.isDescribedBySourceAs(null, null, null), "nothing named keeps what is known");
        assertTrue(visitor.isDescribedBySourceAs("Ada Lovelace", "ada@example.com", "crm"));
        assertTrue(visitor.isDescribedBySourceAs(null, "ada@example.com", null));
        assertFalse(visitor.isDescribedBySourceAs("Ada King", null, null));
        assertFalse(visitor.isDescribedBySourceAs(null, "ada@king.example", null));
        assertFalse(visitor.isDescribedBySourceAs(null, null, "order-system"), "another system names them");

        var unnamed = new Visitor("other");
        assertFalse(unnamed.isDescribedBySourceAs("Ada", null, null), "a first name is a change");
    }
}
