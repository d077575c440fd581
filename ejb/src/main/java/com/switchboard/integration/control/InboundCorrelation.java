package com.switchboard.integration.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;

/**
 * Which inbound message the current transaction handles, so that the outbound events it causes carry that
 * message's {@code externalId}. Kept with the transaction itself: it ends with it, whatever thread or bean
 * fires the events.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InboundCorrelation {

    private static final Object KEY = InboundCorrelation.class.getName() + ".externalId";

    @Resource
    TransactionSynchronizationRegistry transaction;

    public void handling(String externalId) {
        transaction.putResource(KEY, externalId);
    }

    /** The externalId of the inbound message this transaction handles, if it handles one. */
    public Optional<String> current() {
        return Optional.ofNullable((String) transaction.getResource(KEY));
    }
}
