package com.switchboard.customer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** A tag of the catalogue customers are labelled from: a name unique without case, and a palette colour. */
@Entity
@Table(name = "customer_tag")
@NamedQuery(name = CustomerTag.BY_KEY, query = "SELECT t FROM CustomerTag t WHERE t.nameKey = :key")
@NamedQuery(name = CustomerTag.COUNT, query = "SELECT COUNT(t) FROM CustomerTag t")
@NamedQuery(name = CustomerTag.COUNT_OF_IDS, query = "SELECT COUNT(t) FROM CustomerTag t WHERE t.id IN :ids")
public class CustomerTag {

    public static final String BY_KEY = "CustomerTag.byKey";
    public static final String COUNT = "CustomerTag.count";
    public static final String COUNT_OF_IDS = "CustomerTag.countOfIds";

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

    @Version
    private long version;

    protected CustomerTag() {
    }

    public CustomerTag(NewCustomerTag tag, long createdBy, Instant createdAt) {
        this.name = tag.name();
        this.nameKey = key(tag.name());
        this.colour = tag.colour();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** A new name and colour (checked by {@link NewCustomerTag}); the name stays unique without case. */
    public void change(NewCustomerTag tag) {
        this.name = tag.name();
        this.nameKey = key(tag.name());
        this.colour = tag.colour();
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

    public long getVersion() {
        return version;
    }
}
