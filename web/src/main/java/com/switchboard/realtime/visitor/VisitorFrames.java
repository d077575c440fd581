package com.switchboard.realtime.visitor;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.boundary.MessageDelivery;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorFollowUps;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.realtime.ClientFrame;
import com.switchboard.realtime.Connection;
import com.switchboard.realtime.Frames;
import com.switchboard.realtime.SocketFrames;
import com.switchboard.visitor.boundary.SignedIdentities;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.boundary.VisitorView;
import com.switchboard.visitor.entity.VerifiedIdentity;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;

/**
 * What a widget's frames ask (docs/PROTOCOL.md), each checked again by the boundary it reaches: that the
 * conversation is the visitor's and that they are not blocked. A frame about a conversation from a socket whose
 * visitor has no row yet is answered as for a conversation that is not theirs ({@link VisitorSocketMembership}).
 */
@ApplicationScoped
class VisitorFrames {

    @EJB
    VisitorService visitors;

    @EJB
    SignedIdentities identities;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorFollowUps followUps;

    @EJB
    MessageDelivery deliveries;

    @EJB
    LiveSignals signals;

    @Inject
    VisitorSocketMembership membership;

    /** Does what the frame asks; returns the direct answer, or null for frames without one. */
    JsonObject handle(Session session, Connection connection, ClientFrame frame) {
        var visitor = SocketVisitor.of(session);
        var token = visitor.token();
        switch (frame.type()) {
            case "ping" -> {
                return Frames.pong();
            }
            case "message.send" -> {
                var clientId = frame.optionalText("clientId");
                if (!visitor.attached()) {
                    var posted = membership.firstMessage(session, connection, frame.optionalText("text"), clientId);
                    // Answered before the other sockets join: the message's own event must not overtake it.
                    connection.send(Frames.answer(Frames.accepted(posted, clientId), frame));
                    membership.othersJoin(session);
                    return null;
                }
                return Frames.accepted(followUps.post(visitor.inbox(), token, frame.optionalText("text"),
                        clientId), clientId);
            }
            case "option.pick" -> {
                long conversationId = frame.number("conversationId");
                long seq = frame.number("seq");
                int option = optionIndex(frame);
                membership.requireRow(session, connection, conversationId);
                return Frames.accepted(visitorMessages.pickOption(token, conversationId, seq, option), null);
            }
            case "resume" -> {
                frame.number("afterSeq");
                // Joined before the replay begins, so that the live events after it are held for it.
                membership.requireRow(session, connection, frame.number("conversationId"));
                SocketFrames.resume(connection, frame,
                        (conversationId, afterSeq) -> transcripts.replayForVisitor(token, conversationId, afterSeq));
                return null;
            }
            case "receipt" -> {
                long conversationId = frame.number("conversationId");
                long upToSeq = frame.number("upToSeq");
                var status = SocketFrames.receiptStatus(frame);
                membership.requireRow(session, connection, conversationId);
                if (status == DeliveryStatus.DELIVERED) {
                    deliveries.deliveredToVisitor(token, conversationId, upToSeq);
                } else {
                    deliveries.readByVisitor(token, conversationId, upToSeq);
                }
                return null;
            }
            case "typing" -> {
                long conversationId = frame.number("conversationId");
                boolean typing = frame.flag("typing");
                // Typing is no act: it makes no row, and a visitor without one has no conversation to type in.
                membership.requireRow(session, connection, conversationId);
                signals.visitorTyping(token, conversationId, typing, connection.id());
                return null;
            }
            case "conversation.close" -> {
                long conversationId = frame.number("conversationId");
                membership.requireRow(session, connection, conversationId);
                lifecycle.closeByVisitor(token, conversationId);
                return JSON.createObjectBuilder().add("type", "conversation.closed")
                        .add("conversationId", conversationId).build();
            }
            case "page.view" -> {
                return pageViewed(visitor, frame);
            }
            case "introduce" -> {
                if (visitor.attached()) {
                    return identity("introduced", visitors.introduce(token, frame.optionalText("name"),
                            frame.optionalText("email")));
                }
                var introduced = visitors.introduce(token, frame.optionalText("name"), frame.optionalText("email"),
                        visitor.kept());
                membership.attachedToTheirRow(session, connection);
                return identity("introduced", introduced);
            }
            case "identify" -> {
                return identify(session, connection, frame);
            }
            default -> throw Frames.unknownType(frame);
        }
    }

    private static int optionIndex(ClientFrame frame) {
        long option = frame.number("option");
        if (option < 0 || option > Integer.MAX_VALUE) {
            throw RequestRejectedException.invalid("request.field", "The option is out of range.");
        }
        return (int) option;
    }

    private JsonObject pageViewed(SocketVisitor visitor, ClientFrame frame) {
        var context = new VisitorContext(visitor.address(), frame.optionalText("userAgent"),
                frame.optionalText("url"), frame.optionalText("title"));
        if (visitor.attached()) {
            signals.visitorPageViewed(visitor.token(), visitor.inboxId(), context);
        } else {
            visitor.keep(context);
        }
        return JSON.createObjectBuilder().add("type", "page.recorded").build();
    }

    /**
     * The site vouches for the visitor: from now on this socket speaks for the verified visitor (who may be a
     * different, earlier one: the same person on another device), and the widget keeps the returned token.
     */
    private JsonObject identify(Session session, Connection connection, ClientFrame frame) {
        var identity = new VerifiedIdentity(frame.optionalText("externalId"), frame.optionalText("name"),
                frame.optionalText("email"));
        var visitor = SocketVisitor.of(session);
        var token = identities.identify(visitor.inbox(), identity, frame.number("timestamp"),
                frame.optionalText("signature"), visitor.token());
        if (!visitor.attached()) {
            // The socket had no row: where the visitor is goes to the identified one's.
            visitors.recordContext(token, visitor.kept());
            membership.stopWaiting(connection);
        }
        var identified = visitors.requireByToken(token);
        membership.detach(session, connection);
        membership.attach(session, connection, identified.getId(), identified.getToken());
        return JSON.createObjectBuilder(identity("identified", VisitorView.of(identified)))
                .add("visitorToken", token).build();
    }

    private static JsonObject identity(String type, VisitorView visitor) {
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("name", visitor.name() == null ? JsonValue.NULL : JSON.createValue(visitor.name()))
                .add("email", visitor.email() == null ? JsonValue.NULL : JSON.createValue(visitor.email()))
                .add("verified", visitor.verified())
                .build();
    }
}
