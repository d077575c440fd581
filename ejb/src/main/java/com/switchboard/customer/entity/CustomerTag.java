package com.switchboard.customer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** A tag of the catalogue customers are labelled from: a name unique without case, and a palette colour. */
@Entity
@Table(name = "customer_tag")
@NamedQuery(name = CustomerTag.BY_KEY, query = "SELECT t FROM CustomerTag t WHERE t.nameKey = :key")
@NamedQuery(name = CustomerTag.COUNT, query = "SELECT COUNT(t) FROM CustomerTag t")
public class CustomerTag {

    public static final String BY_KEY = "CustomerTag.byKey";
    public static final String COUNT = "CustomerTag.count";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "name_key")
    private String nameKey;

    private String colour;

    @Column(name = "created_by")
    private long createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    protected CustomerTag() {
    }

    public CustomerTag(NewCustomerTag tag, long createdBy, Instant createdAt) {
        this.name = tag.name();
        this.nameKey = key(tag.name());
        this.colour = tag.colour();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getColour() {
        return colour;
    }
}
