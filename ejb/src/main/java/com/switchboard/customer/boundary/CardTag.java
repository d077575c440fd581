package com.switchboard.customer.boundary;

/** A tag a customer carries, as their card shows it. */
public record CardTag(long id, String name, String colour, boolean pinned) {
}
