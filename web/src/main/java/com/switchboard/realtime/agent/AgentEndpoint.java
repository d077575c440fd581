package com.switchboard.realtime.agent;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentConnections;
import com.switchboard.agent.control.AgentTokens;
import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.boundary.MessageDelivery;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.monitoring.RepeatedFailure;
import com.switchboard.realtime.AgentSessions;
import com.switchboard.realtime.ClientFrame;
import com.switchboard.realtime.ClientFrameDecoder;
import com.switchboard.realtime.Connection;
import com.switchboard.realtime.Frames;
import com.switchboard.realtime.NodeStop;
import com.switchboard.realtime.JsonFrameEncoder;
import com.switchboard.realtime.SocketFrames;
import com.switchboard.realtime.SocketHandshake;
import com.switchboard.realtime.SocketSettings;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent console's socket: {@code /ws/agent?token=TOKEN}, with the token from signing in
 * ({@code POST /api/agent/sessions}). Receives the events of the conversations the agent may read and acts on
 * them (docs/PROTOCOL.md); every frame is authorised anew: the token must still be valid, and the services check
 * that the agent may do this to that conversation now.
 */
@ServerEndpoint(value = "/ws/agent", subprotocols = SocketHandshake.PROTOCOL, configurator = SocketHandshake.class,
        decoders = ClientFrameDecoder.class, encoders = JsonFrameEncoder.class)
public class AgentEndpoint {

    private static final Logger LOG = Logger.getLogger(AgentEndpoint.class.getName());
    /** A database outage fails every frame and every socket opened: logged once, not once each. */
    private static final RepeatedFailure FRAME_FAILURES = new RepeatedFailure(LOG, "Handling agent frames");
    private static final RepeatedFailure OPEN_FAILURES = new RepeatedFailure(LOG, "Opening agent sockets");
    private static final String AGENT_ID = "agentId";
    private static final String EXPIRES = "tokenExpires";
    private static final String AGENT_UNKNOWN = "agent.unknown";
    private static final String TOKEN = "token";

    @EJB
    AgentAuthentication authentication;

    @Inject
    AgentSessions sessions;

    @EJB
    AgentConnections connections;

    @EJB
    AgentMessages agentMessages;

    @EJB
    Transcripts transcripts;

    @EJB
    MessageDelivery deliveries;

    @EJB
    LiveSignals signals;

    @Inject
    SocketSettings settings;

    @OnOpen
    public void open(Session session) {
        var connection = SocketFrames.connect(session, settings);
        if (SocketFrames.refusedForeignOrigin(session, connection, settings)) {
            return;
        }
        var token = SocketFrames.parameter(session, TOKEN);
        Optional<Agent> agent;
        try {
            agent = authentication.verify(token);
            OPEN_FAILURES.succeeded();
        } catch (RuntimeException e) {
            OPEN_FAILURES.failed(e, () -> "Agent socket could not be opened");
            connection.refuseAsItOpens(Frames.failure(e, "The console is unavailable right now; please retry."),
                    CloseReason.CloseCodes.UNEXPECTED_CONDITION, settings.afterTheHandshake());
            return;
        }
        if (agent.isEmpty()) {
            connection.refuseAsItOpens(Frames.error("agent.unauthenticated",
                    "Sign in first and connect with the token you received."), CloseReason.CloseCodes.VIOLATED_POLICY,
                    settings.afterTheHandshake());
            return;
        }
        long agentId = agent.get().getId();
        var roles = agent.get().getRoles();
        session.getUserProperties().put(AGENT_ID, agentId);
        session.getUserProperties().put(TOKEN, token);
        session.getUserProperties().put(EXPIRES, AgentTokens.expiryOf(token));
        // Registered before the welcome: an event committed meanwhile must not slip between the two.
        sessions.add(agentId, roles.contains(Role.ADMIN) || roles.contains(Role.SUPERVISOR), connection);
        connections.opened(agentId);
        var roleNames = JSON.createArrayBuilder();
        roles.stream().map(Enum::name).sorted().forEach(roleNames::add);
        connection.send(JSON.createObjectBuilder().add("type", "welcome").add("protocol", SocketHandshake.PROTOCOL)
                .add("agentId", agentId).add("name", agent.get().getDisplayName()).add("roles", roleNames).build());
    }

    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void message(Session session, ClientFrame frame) {
        var connection = Connection.of(session);
        if (connection == null || !(session.getUserProperties().get(AGENT_ID) instanceof Long agentId)
                || !SocketFrames.admit(connection, frame)) {
            return;
        }
        if (!Instant.now().isBefore((Instant) session.getUserProperties().get(EXPIRES))) {
            connection.refuse(Frames.answer(Frames.error("auth.expired",
                    "Your sign-in has expired: sign in again and reconnect."), frame),
                    CloseReason.CloseCodes.VIOLATED_POLICY);
            return;
        }
        try {
            var answer = handle(connection, agentId, frame);
            // A ping answers without the database: it says nothing of whether frames work again after an outage.
            if (!SocketFrames.isPing(frame)) {
                FRAME_FAILURES.succeeded();
            }
            if (answer != null) {
                connection.send(Frames.answer(answer, frame));
            }
        } catch (RequestRejectedException e) {
            if (AGENT_UNKNOWN.equals(e.code())
                    && authentication.verify((String) session.getUserProperties().get(TOKEN)).isEmpty()) {
                // The caller themself: deactivated since the socket opened.
                connection.refuse(Frames.answer(Frames.error("agent.inactive", "This account is no longer active."),
                        frame), CloseReason.CloseCodes.VIOLATED_POLICY);
            } else {
                connection.send(Frames.answer(Frames.error(e), frame));
            }
        } catch (RuntimeException e) {
            if (!NodeStop.underWay()) {
                FRAME_FAILURES.failed(e, () -> "Agent frame failed");
            }
            connection.send(Frames.answer(Frames.failure(e,
                    "The frame could not be processed; please retry."), frame));
        }
    }

    /** Does what the frame asks; returns the direct answer, or null for frames without one. */
    private JsonObject handle(Connection connection, long agentId, ClientFrame frame) {
        switch (frame.type()) {
            case "ping" -> {
                return Frames.pong();
            }
            case "message.send" -> {
                var clientId = frame.optionalText("clientId");
                return Frames.accepted(agentMessages.reply(frame.number("conversationId"), agentId,
                        frame.optionalText("text"), frame.optionalNumber("quoteSeq"), clientId), clientId);
            }
            case "note.send" -> {
                var clientId = frame.optionalText("clientId");
                return Frames.accepted(agentMessages.note(frame.number("conversationId"), agentId,
                        frame.optionalText("text"), clientId), clientId);
            }
            case "resume" -> {
                SocketFrames.resume(connection, frame,
                        (conversationId, afterSeq) -> transcripts.replayForAgent(agentId, conversationId, afterSeq));
                return null;
            }
            case "receipt" -> {
                long conversationId = frame.number("conversationId");
                long upToSeq = frame.number("upToSeq");
                switch (SocketFrames.receiptStatus(frame)) {
                    case DELIVERED -> deliveries.deliveredToAgent(agentId, conversationId, upToSeq);
                    default -> signals.read(agentId, conversationId, upToSeq, connection.id());
                }
                return null;
            }
            case "typing" -> {
                signals.agentTyping(agentId, frame.number("conversationId"), frame.flag("typing"), connection.id());
                return null;
            }
            case "draft.save" -> {
                signals.draftSaved(agentId, frame.number("conversationId"), frame.optionalText("text"), connection.id());
                return null;
            }
            default -> throw Frames.unknownType(frame);
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

    @OnClose
    public void close(Session session) {
        var connection = Connection.of(session);
        if (connection != null && session.getUserProperties().get(AGENT_ID) instanceof Long agentId) {
            sessions.remove(agentId, connection);
            try {
                connections.closed(agentId);
            } catch (RuntimeException e) {
                if (!NodeStop.underWay()) { // a stopped node's sockets stop counting with its heartbeat
                    LOG.log(Level.WARNING, "Could not count the closing socket of agent " + agentId, e);
                }
            }
        }
    }
}
