package com.switchboard.realtime.agent;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentConnections;
import com.switchboard.agent.entity.Agent;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.realtime.AgentSessions;
import com.switchboard.realtime.Frames;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent console's socket: {@code /ws/agent?token=TOKEN}, with the token from signing in
 * ({@code POST /api/agent/sessions}). Receives the events of the agent's inboxes.
 */
@ServerEndpoint("/ws/agent")
public class AgentEndpoint {

    private static final Logger LOG = Logger.getLogger(AgentEndpoint.class.getName());
    private static final String AGENT_ID = "agentId";

    @EJB
    AgentAuthentication authentication;

    @Inject
    AgentSessions sessions;

    @EJB
    AgentConnections connections;

    @OnOpen
    public void open(Session session) throws IOException {
        List<String> tokens = session.getRequestParameterMap().get("token");
        Optional<Agent> agent;
        try {
            agent = authentication.verify(tokens == null || tokens.isEmpty() ? null : tokens.get(0));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Agent socket could not be opened", e);
            synchronized (session) {
                session.getBasicRemote().sendText(Frames.error("internal",
                        "The console is unavailable right now; please retry.").toString());
            }
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal"));
            return;
        }
        if (agent.isEmpty()) {
            synchronized (session) {
                session.getBasicRemote().sendText(Frames.error("agent.unauthenticated",
                        "Sign in first and connect with the token you received.").toString());
            }
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "agent.unauthenticated"));
            return;
        }
        long agentId = agent.get().getId();
        session.getUserProperties().put(AGENT_ID, agentId);
        // Registered before the welcome: an event committed meanwhile must not slip between the two.
        sessions.add(agentId, session);
        connections.opened(agentId);
        synchronized (session) {
            session.getBasicRemote().sendText(JSON.createObjectBuilder().add("type", "welcome")
                    .add("agentId", agentId).add("name", agent.get().getDisplayName()).build().toString());
        }
    }

    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void message(Session session, String text) throws IOException {
        JsonObject answer;
        try {
            var frame = Frames.parse(text);
            if (!"ping".equals(frame.getString("type"))) {
                throw Frames.unknownType(frame);
            }
            answer = Frames.pong();
        } catch (RequestRejectedException e) {
            answer = Frames.error(e);
        }
        synchronized (session) {
            session.getBasicRemote().sendText(answer.toString());
        }
    }

    @OnClose
    public void close(Session session) {
        if (session.getUserProperties().get(AGENT_ID) instanceof Long agentId) {
            sessions.remove(agentId, session);
            try {
                connections.closed(agentId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not count the closing socket of agent " + agentId, e);
            }
        }
    }
}
