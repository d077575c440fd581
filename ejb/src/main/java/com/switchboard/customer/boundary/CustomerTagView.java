package com.switchboard.customer.boundary;

/**
 * A tag of the catalogue with how many conversations (on their customers' cards) carry it through their customer;
 * {@code pinnedBy} counts the customers who have it pinned.
 */
public record CustomerTagView(long id, String name, String colour, long conversations, long pinnedBy) {
}
