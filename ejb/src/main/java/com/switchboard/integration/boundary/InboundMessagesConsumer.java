package com.switchboard.integration.boundary;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.integration.control.DeadLetters;
import com.switchboard.integration.control.InboundMessages;
import com.switchboard.messaging.Destinations;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Takes legacy systems' messages off the inbound queue (docs/JMS-CONTRACT.md). A message the contract refuses
 * (not text, not JSON, a broken rule) is moved to the dead-letter queue with its reason and acknowledged, so it
 * never blocks the queue; any other failure (the database is down) is rethrown, so the broker redelivers it with
 * a delay and dead-letters it after the last attempt.
 *
 * <p>Not transacted: {@link InboundMessages} commits the message's effects in a transaction of its own and the
 * message is acknowledged after that. A crash in between delivers it again, and its {@code externalId}, stored in
 * the same transaction as its effects, makes the second delivery a no-op. This spares every message a
 * two-phase commit with the broker for its acknowledgement alone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
        // An environment variable, not MicroProfile Config: the server resolves activation properties before the
        // application's configuration exists.
        @ActivationConfigProperty(propertyName = "destination",
                propertyValue = "${ENV=SWITCHBOARD_JMS_INBOUND_QUEUE:" + Destinations.INBOUND + "}"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundMessagesConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(InboundMessagesConsumer.class.getName());

    @EJB
    InboundMessages inbound;

    @EJB
    DeadLetters deadLetters;

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            deadLetters.refuse(message, "inbound.not-text", "Inbound messages are JMS TextMessages with a JSON body.");
            return;
        }
        try {
            if (!inbound.handle(text.getText(), duplicateId(message), sender(message))) {
                LOG.fine("Inbound message handled before; ignored");
            }
        } catch (RequestRejectedException e) {
            if (!InboundMessages.DUPLICATE.equals(e.code())) {
                deadLetters.refuse(message, e.code(), e.getMessage());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read an inbound message", e);
        }
    }

    /** The broker user that sent the message, as text whatever type it came as (the sender's, without the setting). */
    private static String sender(Message message) throws JMSException {
        var value = message.getObjectProperty(Destinations.VALIDATED_USER_PROPERTY);
        return value == null || value instanceof byte[] ? null : value.toString();
    }

    /** The broker's duplicate id, the externalId of a body without one; senders set it as a string or as bytes. */
    private static String duplicateId(Message message) throws JMSException {
        var value = message.getObjectProperty(Destinations.DUPLICATE_ID_PROPERTY);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }
}
