package com.switchboard.integration.control;

import com.switchboard.messaging.Destinations;
import com.switchboard.messaging.control.MessagingResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves a refused inbound message to the dead-letter queue (setting {@code switchboard.jms.inbound-dlq}) with its
 * reason, in a transaction of its own that commits before the consumer acknowledges the original. Should the node
 * die between the two, the original comes again and is refused again: the copy's duplicate id (made of the
 * original's message id) lets the broker drop the second copy. The body is copied as text or bytes; any other
 * kind of message (an {@code ObjectMessage} above all) is never opened, so nothing is deserialised. The reason goes in {@code switchboard_reason}, the original's
 * id and kind in {@code switchboard_original_*}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    @Resource(lookup = MessagingResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "switchboard.jms.inbound-dlq", defaultValue = Destinations.INBOUND_DLQ)
    String deadLetterQueue;

    public void refuse(Message original, String code, String reason) {
        var because = code + ": " + reason;
        try (var context = connectionFactory.createContext()) {
            var copy = copyOf(context, original);
            copyProperties(original, copy);
            copy.setStringProperty(Destinations.REASON_PROPERTY, because);
            copy.setStringProperty("switchboard_original_message_id", original.getJMSMessageID());
            copy.setStringProperty("switchboard_original_type", kind(original));
            copy.setStringProperty(Destinations.DUPLICATE_ID_PROPERTY, "dead-letter:" + original.getJMSMessageID());
            context.createProducer().send(context.createQueue(deadLetterQueue), copy);
            LOG.warning(() -> "Inbound message dead-lettered (" + because + ")");
        } catch (JMSException e) {
            throw new IllegalStateException("Could not dead-letter an inbound message", e);
        }
    }

    private static Message copyOf(JMSContext context, Message original) throws JMSException {
        if (original instanceof TextMessage text) {
            return context.createTextMessage(text.getText());
        }
        if (original instanceof BytesMessage bytes) {
            var body = new byte[(int) bytes.getBodyLength()];
            bytes.reset();
            bytes.readBytes(body);
            var copy = context.createBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        return context.createMessage();
    }

    /**
     * The sender's own properties travel with the copy (for its correlation); the broker's ({@code _AMQ_*}, among
     * the sender's duplicate id: the copy has its own) and JMSX ones do not.
     */
    private static void copyProperties(Message original, Message copy) throws JMSException {
        var names = original.getPropertyNames();
        while (names.hasMoreElements()) {
            var name = (String) names.nextElement();
            if (!name.startsWith("_AMQ") && !name.startsWith("JMSX") && !name.startsWith("__AMQ")) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
    }

    private static String kind(Message message) {
        for (var type : new Class<?>[] {TextMessage.class, BytesMessage.class, jakarta.jms.ObjectMessage.class,
                jakarta.jms.MapMessage.class, jakarta.jms.StreamMessage.class}) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return "Message";
    }
}
