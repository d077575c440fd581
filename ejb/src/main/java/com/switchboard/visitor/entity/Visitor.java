package com.switchboard.visitor.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** Someone chatting through the widget, known by the unguessable token the server issued to their browser. */
@Entity
@Table(name = "visitor")
@NamedQuery(name = Visitor.BY_TOKEN, query = "SELECT v FROM Visitor v WHERE v.token = :token")
public class Visitor {

    public static final String BY_TOKEN = "Visitor.byToken";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String token;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Visitor() {
    }

    public Visitor(String token) {
        this.token = token;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getToken() {
        return token;
    }
}
