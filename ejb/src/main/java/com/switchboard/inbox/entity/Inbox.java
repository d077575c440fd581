package com.switchboard.inbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "inbox")
@NamedQuery(name = Inbox.BY_NAME, query = "SELECT i FROM Inbox i WHERE i.name = :name")
@NamedQuery(name = Inbox.ALL, query = "SELECT i FROM Inbox i ORDER BY i.name")
public class Inbox {

    public static final String BY_NAME = "Inbox.byName";
    public static final String ALL = "Inbox.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    /** Public identifier the widget uses; never the database id, so inboxes cannot be enumerated. */
    @Column(name = "widget_key")
    private String widgetKey;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Inbox() {
    }

    public Inbox(String name, String widgetKey) {
        this.name = name;
        this.widgetKey = widgetKey;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getWidgetKey() {
        return widgetKey;
    }
}
