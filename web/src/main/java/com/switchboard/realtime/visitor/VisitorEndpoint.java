package com.switchboard.realtime.visitor;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.api.JsonFields;
import com.switchboard.conversation.boundary.DialogService;
import com.switchboard.conversation.boundary.PostedMessage;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.platform.boundary.RequestRejectedException;
import com.switchboard.realtime.Frames;
import com.switchboard.realtime.VisitorSessions;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.boundary.VisitorView;
import com.switchboard.visitor.entity.VerifiedIdentity;
import com.switchboard.visitor.entity.Visitor;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The widget's socket: {@code /ws/visitor?inbox=NAME[&token=VISITOR_TOKEN]}. A visitor without a (known) token
 * gets a new one in the welcome frame and keeps it for later visits. A blocked visitor, or one connecting from a
 * blocked network, gets an error frame and the socket closes (also later, when a block comes into force).
 */
@ServerEndpoint("/ws/visitor")
public class VisitorEndpoint {

    private static final Logger LOG = Logger.getLogger(VisitorEndpoint.class.getName());
    private static final String INBOX = "inbox";
    private static final String TOKEN = "token";
    private static final String VISITOR_ID = "visitorId";
    private static final String ADDRESS = "address";

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks blocks;

    @EJB
    DialogService dialogs;

    @EJB
    InboxService inboxes;

    @Inject
    VisitorSessions sessions;

    @OnOpen
    public void open(Session session) throws IOException {
        try {
            welcome(session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Visitor socket could not be opened", e);
            send(session, Frames.error("internal", "The chat is unavailable right now; please retry."));
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal"));
        }
    }

    private void welcome(Session session) throws IOException {
        var inbox = parameter(session, INBOX);
        if (inbox == null) {
            refuse(session, "inbox.missing", "Name the inbox: /ws/visitor?inbox=NAME");
            return;
        }
        try {
            inboxes.acceptingVisitors(inbox);
        } catch (RequestRejectedException e) {
            refuse(session, e.code(), e.getMessage());
            return;
        }
        var address = ClientAddress.of(session);
        var token = parameter(session, TOKEN);
        if (visitors.findByToken(token).isEmpty()) {
            token = visitors.registerAnonymous();
        }
        visitors.recordContext(token, VisitorContext.connection(address, null));
        var visitor = visitors.requireByToken(token);
        if (blocks.blockOf(visitor).isPresent()) {
            refuse(session, "visitor.blocked", VisitorBlocks.blocked().getMessage());
            return;
        }
        session.getUserProperties().put(INBOX, inbox);
        session.getUserProperties().put(ADDRESS, address);
        attach(session, visitor);
        send(session, JSON.createObjectBuilder().add("type", "welcome").add("visitorToken", token).build());
    }

    @OnMessage(maxMessageSize = Frames.MAX_FRAME_BYTES)
    public void message(Session session, String text) throws IOException {
        try {
            var frame = Frames.parse(text);
            switch (frame.getString("type")) {
                case "message.send" -> send(session, accepted(dialogs.postVisitorMessage(inbox(session),
                        token(session), JsonFields.text(frame, "text"))));
                case "option.pick" -> send(session, accepted(dialogs.pickOption(token(session),
                        JsonFields.number(frame, "conversationId"), JsonFields.number(frame, "seq"),
                        Math.toIntExact(JsonFields.number(frame, "option")))));
                case "page.view" -> send(session, pageViewed(session, frame));
                case "introduce" -> send(session, identity("introduced", visitors.introduce(token(session),
                        JsonFields.text(frame, "name"), JsonFields.text(frame, "email"))));
                case "identify" -> send(session, identify(session, frame));
                case "ping" -> send(session, Frames.pong());
                default -> throw Frames.unknownType(frame);
            }
        } catch (RequestRejectedException e) {
            send(session, Frames.error(e));
        } catch (ArithmeticException e) {
            send(session, Frames.error("request.field", "The option is out of range."));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Visitor frame failed", e);
            send(session, Frames.error("internal", "The message could not be processed; please retry."));
        }
    }

    @OnClose
    public void close(Session session) {
        var visitorId = (Long) session.getUserProperties().get(VISITOR_ID);
        if (visitorId != null) {
            sessions.remove(visitorId, session);
        }
    }

    private JsonObject pageViewed(Session session, JsonObject frame) {
        visitors.recordContext(token(session), new VisitorContext((String) session.getUserProperties().get(ADDRESS),
                JsonFields.text(frame, "userAgent"), JsonFields.text(frame, "url"), JsonFields.text(frame, "title")));
        return JSON.createObjectBuilder().add("type", "page.recorded").build();
    }

    /**
     * The site vouches for the visitor: from now on this socket speaks for the verified visitor (who may be a
     * different, earlier one: the same person on another device), and the widget keeps the returned token.
     */
    private JsonObject identify(Session session, JsonObject frame) {
        var identity = new VerifiedIdentity(JsonFields.text(frame, "externalId"), JsonFields.text(frame, "name"),
                JsonFields.text(frame, "email"));
        var token = visitors.identify(inbox(session), identity, JsonFields.number(frame, "timestamp"),
                JsonFields.text(frame, "signature"), token(session));
        var visitor = visitors.requireByToken(token);
        close(session);
        attach(session, visitor);
        return JSON.createObjectBuilder(identity("identified", VisitorView.of(visitor)))
                .add("visitorToken", token).build();
    }

    private void attach(Session session, Visitor visitor) {
        session.getUserProperties().put(TOKEN, visitor.getToken());
        session.getUserProperties().put(VISITOR_ID, visitor.getId());
        sessions.add(visitor.getId(), session, (String) session.getUserProperties().get(ADDRESS));
    }

    private static JsonObject accepted(PostedMessage posted) {
        return JSON.createObjectBuilder()
                .add("type", "message.accepted")
                .add("conversationId", posted.conversationId())
                .add("seq", posted.seq())
                .add("at", posted.at().toString())
                .build();
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

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static void refuse(Session session, String code, String message) throws IOException {
        send(session, Frames.error(code, message));
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, code));
    }

    private static void send(Session session, JsonObject frame) throws IOException {
        synchronized (session) {
            session.getBasicRemote().sendText(frame.toString());
        }
    }
}
