package com.switchboard.realtime.visitor;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.boundary.MessageDelivery;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorArrivals;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.input.ClientAddresses;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.monitoring.RepeatedFailure;
import com.switchboard.realtime.ClientFrame;
import com.switchboard.realtime.ClientFrameDecoder;
import com.switchboard.realtime.Connection;
import com.switchboard.realtime.Frames;
import com.switchboard.realtime.JsonFrameEncoder;
import com.switchboard.realtime.SocketFrames;
import com.switchboard.realtime.SocketHandshake;
import com.switchboard.realtime.SocketSettings;
import com.switchboard.realtime.VisitorSessions;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.boundary.VisitorView;
import com.switchboard.visitor.entity.VerifiedIdentity;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The widget's socket: {@code /ws/visitor?inbox=NAME[&token=VISITOR_TOKEN]} (docs/PROTOCOL.md). A visitor without
 * a (known) token gets a new one in the welcome frame and keeps it for later visits. A blocked visitor, or one
 * connecting from a blocked network, gets an error frame and the socket closes (also later, when a block comes
 * into force). Every action checks again that the conversation is the visitor's and that they are not blocked.
 */
@ServerEndpoint(value = "/ws/visitor", subprotocols = SocketHandshake.PROTOCOL,
        configurator = SocketHandshake.class, decoders = ClientFrameDecoder.class, encoders = JsonFrameEncoder.class)
public class VisitorEndpoint {

    private static final Logger LOG = Logger.getLogger(VisitorEndpoint.class.getName());
    /** A database outage fails every frame and every socket opened: logged once, not once each. */
    private static final RepeatedFailure FRAME_FAILURES = new RepeatedFailure(LOG, "Handling visitor frames");
    private static final RepeatedFailure OPEN_FAILURES = new RepeatedFailure(LOG, "Opening visitor sockets");
    private static final String INBOX = "inbox";
    private static final String TOKEN = "token";
    private static final String VISITOR_ID = "visitorId";
    private static final String ADDRESS = "address";
    private static final String INBOX_ID = "inboxId";

    @EJB
    VisitorService visitors;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorArrivals arrivals;

    @EJB
    MessageDelivery deliveries;

    @EJB
    LiveSignals signals;

    @Inject
    VisitorSessions sessions;

    @Inject
    SocketSettings settings;

    @Inject
    ClientAddresses clientAddresses;

    @OnOpen
    public void open(Session session) {
        var connection = SocketFrames.connect(session, settings);
        if (SocketFrames.refusedForeignOrigin(session, connection, settings)) {
            return;
        }
        try {
            welcome(session, connection);
            OPEN_FAILURES.succeeded();
        } catch (RuntimeException e) {
            OPEN_FAILURES.failed(e, () -> "Visitor socket could not be opened");
            connection.refuseAsItOpens(Frames.failure(e, "The chat is unavailable right now; please retry."),
                    CloseReason.CloseCodes.UNEXPECTED_CONDITION, settings.afterTheHandshake());
        }
    }

    private void welcome(Session session, Connection connection) {
        var inbox = SocketFrames.parameter(session, INBOX);
        if (inbox == null) {
            refuse(connection, "inbox.missing", "Name the inbox: /ws/visitor?inbox=NAME");
            return;
        }
        var address = clientAddresses.of(ClientAddress.of(session),
                (String) session.getUserProperties().get(SocketHandshake.FORWARDED_FOR));
        VisitorArrivals.Arrival arrival;
        try {
            arrival = arrivals.arrive(inbox, SocketFrames.parameter(session, TOKEN), address);
        } catch (RequestRejectedException e) {
            if (e.kind() == RequestRejectedException.Kind.TOO_MANY) {
                connection.refuseAsItOpens(Frames.error(e), CloseReason.CloseCodes.TRY_AGAIN_LATER,
                        settings.afterTheHandshake());
            } else {
                refuse(connection, e.code(), e.getMessage());
            }
            return;
        }
        var token = arrival.token();
        session.getUserProperties().put(INBOX, inbox);
        session.getUserProperties().put(INBOX_ID, arrival.inboxId());
        session.getUserProperties().put(ADDRESS, address);
        // Registered before the position is read: an event committed meanwhile must not slip between the two.
        attach(session, connection, arrival.visitorId(), token);
        var welcome = JSON.createObjectBuilder().add("type", "welcome").add("protocol", SocketHandshake.PROTOCOL)
                .add("visitorToken", token);
        visitorMessages.currentPosition(inbox, token).ifPresent(position -> {
            var current = JSON.createObjectBuilder().add("conversationId", position.conversationId())
                    .add("status", position.status().name()).add("lastSeq", position.lastSeq());
            if (position.agentName() != null) {
                current.add("agentName", position.agentName());
            }
            welcome.add("conversation", current);
        });
        connection.send(welcome.build());
    }

    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void message(Session session, ClientFrame frame) {
        var connection = Connection.of(session);
        if (connection == null || token(session) == null || !SocketFrames.admit(connection, frame)) {
            return;
        }
        try {
            var answer = handle(session, connection, frame);
            FRAME_FAILURES.succeeded();
            if (answer != null) {
                connection.send(Frames.answer(answer, frame));
            }
        } catch (RequestRejectedException e) {
            connection.send(Frames.answer(Frames.error(e), frame));
        } catch (RuntimeException e) {
            FRAME_FAILURES.failed(e, () -> "Visitor frame failed");
            connection.send(Frames.answer(Frames.failure(e,
                    "The message could not be processed; please retry."), frame));
        }
    }

    /** Does what the frame asks; returns the direct answer, or null for frames without one. */
    private JsonObject handle(Session session, Connection connection, ClientFrame frame) {
        var token = token(session);
        switch (frame.type()) {
            case "ping" -> {
                return Frames.pong();
            }
            case "message.send" -> {
                var clientId = frame.optionalText("clientId");
                return Frames.accepted(visitorMessages.post(inbox(session), token, frame.optionalText("text"),
                        clientId), clientId);
            }
            case "option.pick" -> {
                return Frames.accepted(visitorMessages.pickOption(token, frame.number("conversationId"),
                        frame.number("seq"), optionIndex(frame)), null);
            }
            case "resume" -> {
                SocketFrames.resume(connection, frame,
                        (conversationId, afterSeq) -> transcripts.replayForVisitor(token, conversationId, afterSeq));
                return null;
            }
            case "receipt" -> {
                long conversationId = frame.number("conversationId");
                long upToSeq = frame.number("upToSeq");
                if (SocketFrames.receiptStatus(frame) == DeliveryStatus.DELIVERED) {
                    deliveries.deliveredToVisitor(token, conversationId, upToSeq);
                } else {
                    deliveries.readByVisitor(token, conversationId, upToSeq);
                }
                return null;
            }
            case "typing" -> {
                signals.visitorTyping(token, frame.number("conversationId"), frame.flag("typing"), connection.id());
                return null;
            }
            case "conversation.close" -> {
                long conversationId = frame.number("conversationId");
                lifecycle.closeByVisitor(token, conversationId);
                return JSON.createObjectBuilder().add("type", "conversation.closed")
                        .add("conversationId", conversationId).build();
            }
            case "page.view" -> {
                return pageViewed(session, frame);
            }
            case "introduce" -> {
                return identity("introduced", visitors.introduce(token, frame.optionalText("name"),
                        frame.optionalText("email")));
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

    /** The protocol is JSON text: a binary frame gets an error frame, and the socket stays open. */
    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void binary(Session session, ByteBuffer data) {
        SocketFrames.binary(session);
    }

    /** The answer to the ping of a socket refused as it opened: {@link Connection#refuseAsItOpens}. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        var connection = Connection.of(session);
        if (connection != null) {
            connection.closeRefused();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        SocketFrames.failed(session, error, LOG);
    }

    /**
     * The visitor's last socket closed (here, and no other node holds one): the agents' messages that had not
     * reached them by then cannot any more, so they are FAILED ({@code visitor.left}) and the agents see it. One
     * that arrives later (the visitor comes back and resumes) is still raised to DELIVERED by its receipt.
     */
    @OnClose
    public void close(Session session) {
        var connection = Connection.of(session);
        if (connection != null && detach(session, connection)) {
            try {
                deliveries.visitorLeft(inbox(session), token(session));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not mark the messages to a visitor who left", e);
            }
        }
    }

    private JsonObject pageViewed(Session session, ClientFrame frame) {
        signals.visitorPageViewed(token(session), (Long) session.getUserProperties().get(INBOX_ID), new VisitorContext(
                (String) session.getUserProperties().get(ADDRESS), frame.optionalText("userAgent"),
                frame.optionalText("url"), frame.optionalText("title")));
        return JSON.createObjectBuilder().add("type", "page.recorded").build();
    }

    /**
     * The site vouches for the visitor: from now on this socket speaks for the verified visitor (who may be a
     * different, earlier one: the same person on another device), and the widget keeps the returned token.
     */
    private JsonObject identify(Session session, Connection connection, ClientFrame frame) {
        var identity = new VerifiedIdentity(frame.optionalText("externalId"), frame.optionalText("name"),
                frame.optionalText("email"));
        var token = visitors.identify(inbox(session), identity, frame.number("timestamp"),
                frame.optionalText("signature"), token(session));
        var visitor = visitors.requireByToken(token);
        detach(session, connection);
        attach(session, connection, visitor.getId(), visitor.getToken());
        return JSON.createObjectBuilder(identity("identified", VisitorView.of(visitor)))
                .add("visitorToken", token).build();
    }

    /** The visitor's first socket here makes them online for the agents. */
    private void attach(Session session, Connection connection, long visitorId, String token) {
        session.getUserProperties().put(TOKEN, token);
        session.getUserProperties().put(VISITOR_ID, visitorId);
        if (sessions.add(visitorId, connection, (String) session.getUserProperties().get(ADDRESS))) {
            try {
                signals.visitorArrived(visitorId, (Long) session.getUserProperties().get(INBOX_ID));
            } catch (RuntimeException e) {
                // The chat works without it; the agents see the visitor as away until their next socket.
                LOG.log(Level.WARNING, "Could not note that a visitor arrived", e);
            }
        }
    }

    /** Whether that was the visitor's last socket anywhere: the last one here, and no other node holds one. */
    private boolean detach(Session session, Connection connection) {
        var visitorId = (Long) session.getUserProperties().get(VISITOR_ID);
        if (visitorId == null || !sessions.remove(visitorId, connection)) {
            return false;
        }
        var inboxId = (Long) session.getUserProperties().get(INBOX_ID);
        try {
            var elsewhere = signals.visitorDeparted(visitorId, inboxId);
            if (sessions.holds(visitorId)) {
                // A new socket of theirs (a reload) opened meanwhile and may have found the row still there.
                signals.visitorArrived(visitorId, inboxId);
                return false;
            }
            return !elsewhere;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not note that a visitor left", e);
            return true;
        }
    }

    private static JsonObject identity(String type, VisitorView visitor) {
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("name", visitor.name() == null ? JsonValue.NULL : JSON.createValue(visitor.name()))
                .add("email", visitor.email() == null ? JsonValue.NULL : JSON.createValue(visitor.email()))
                .add("verified", visitor.verified())
                .build();
    }

    private static String inbox(Session session) {
        return (String) session.getUserProperties().get(INBOX);
    }

    private static String token(Session session) {
        return (String) session.getUserProperties().get(TOKEN);
    }

    private void refuse(Connection connection, String code, String message) {
        connection.refuseAsItOpens(Frames.error(code, message), CloseReason.CloseCodes.VIOLATED_POLICY,
                settings.afterTheHandshake());
    }
}
