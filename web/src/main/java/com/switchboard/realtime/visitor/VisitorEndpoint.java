package com.switchboard.realtime.visitor;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.boundary.MessageDelivery;
import com.switchboard.conversation.boundary.VisitorArrivals;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.input.ClientAddresses;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.monitoring.RepeatedFailure;
import com.switchboard.realtime.ClientFrame;
import com.switchboard.realtime.ClientFrameDecoder;
import com.switchboard.realtime.Connection;
import com.switchboard.realtime.Frames;
import com.switchboard.realtime.NodeStop;
import com.switchboard.realtime.JsonFrameEncoder;
import com.switchboard.realtime.SocketFrames;
import com.switchboard.realtime.SocketHandshake;
import com.switchboard.realtime.SocketSettings;
import com.switchboard.realtime.VisitorSessions;
import com.switchboard.routing.boundary.RoutingService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
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
 * into force). What its frames ask is done by {@link VisitorFrames}.
 *
 * <p>A visitor who has not acted yet has no row ({@code VisitorArrivals}): their socket waits apart
 * ({@link VisitorSocketMembership}), counts as no presence, keeps the page they report, and answers frames about a
 * conversation (typing too) as for a conversation that is not theirs. Their first message or introduction makes
 * the row with that page, and the socket joins the visitor's sockets.
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

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorArrivals arrivals;

    @EJB
    MessageDelivery deliveries;

    @EJB
    RoutingService routing;

    @Inject
    VisitorSocketMembership membership;

    @Inject
    VisitorFrames frames;

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
        var welcome = JSON.createObjectBuilder().add("type", "welcome").add("protocol", SocketHandshake.PROTOCOL)
                .add("visitorToken", token);
        var visitor = new SocketVisitor(inbox, arrival.inboxId(), address, token);
        visitor.bindTo(session);
        if (arrival.visitorId() == null) {
            membership.waitApart(connection, visitor);
            connection.send(welcome.build());
            return;
        }
        // Registered before the position is read: an event committed meanwhile must not slip between the two.
        membership.attach(session, connection, arrival.visitorId(), token);
        var position = visitorMessages.currentPosition(inbox, token);
        position.ifPresent(current -> {
            var conversation = JSON.createObjectBuilder().add("conversationId", current.conversationId())
                    .add("status", current.status().name()).add("lastSeq", current.lastSeq());
            if (current.agentName() != null) {
                conversation.add("agentName", current.agentName());
            }
            welcome.add("conversation", conversation);
        });
        connection.send(welcome.build());
        // A visitor back while their conversation waits learns their place now, not when the queue next moves.
        position.filter(current -> current.status() == ConversationStatus.WAITING)
                .flatMap(current -> routing.queuePosition(token, current.conversationId()))
                .ifPresent(place -> VisitorSessions.tellPlace(connection, place.place(), place.waiting(),
                        place.estimatedWait() == null ? null : place.estimatedWait().toSeconds()));
    }

    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void message(Session session, ClientFrame frame) {
        var connection = Connection.of(session);
        if (connection == null || SocketVisitor.of(session) == null || !SocketFrames.admit(connection, frame)) {
            return;
        }
        try {
            var answer = frames.handle(session, connection, frame);
            // A ping answers without the database: it says nothing of whether frames work again after an outage.
            if (!SocketFrames.isPing(frame)) {
                FRAME_FAILURES.succeeded();
            }
            if (answer != null) {
                connection.send(Frames.answer(answer, frame));
            }
        } catch (RequestRejectedException e) {
            connection.send(Frames.answer(Frames.error(e), frame));
        } catch (RuntimeException e) {
            if (!NodeStop.underWay()) {
                FRAME_FAILURES.failed(e, () -> "Visitor frame failed");
            }
            connection.send(Frames.answer(Frames.failure(e,
                    "The message could not be processed; please retry."), frame));
        }
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
        var visitor = SocketVisitor.of(session);
        if (connection == null || visitor == null) {
            return;
        }
        if (membership.closed(session, connection) && !NodeStop.underWay()) {
            try {
                deliveries.visitorLeft(visitor.inbox(), visitor.token());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not mark the messages to a visitor who left", e);
            }
        }
    }

    private void refuse(Connection connection, String code, String message) {
        connection.refuseAsItOpens(Frames.error(code, message), CloseReason.CloseCodes.VIOLATED_POLICY,
                settings.afterTheHandshake());
    }
}
