package com.switchboard.visitor.boundary;

import com.switchboard.platform.control.SecureTokens;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@Stateless
public class VisitorService {

    @PersistenceContext
    EntityManager em;

    /** A new anonymous visitor; the returned token is their only credential, kept by their browser. */
    public String registerAnonymous() {
        var visitor = new Visitor(SecureTokens.random(32));
        em.persist(visitor);
        return visitor.getToken();
    }

    public Optional<Visitor> findByToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Visitor.BY_TOKEN, Visitor.class).setParameter("token", token)
                .getResultStream().findFirst();
    }
}
