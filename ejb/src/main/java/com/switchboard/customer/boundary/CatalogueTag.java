package com.switchboard.customer.boundary;

/** A tag as the catalogue's admin page shows it: how many customers carry it, and the version to edit it with. */
public record CatalogueTag(long id, String name, String colour, long customers, long version) {
}
