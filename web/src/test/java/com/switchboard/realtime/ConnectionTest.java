package com.switchboard.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RateLimit;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-socket positions that make resume gap-free and duplicate-free, and the queue place last told (a recording
 * stand-in for the socket).
 */
class ConnectionTest {

    private final List<String> sent = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final Connection connection = new Connection(session(sent, closes), new RateLimit(10, 10, 0));

    @Test
    void liveEventsOfAResumedConversationArriveOnceEvenWhenDeliveredTwice() {
        connection.beginReplay(1, 0);
        connection.endReplay(1, List.of(), null);
        connection.live(1, entry(1));
        connection.live(1, entry(2));
        connection.live(1, entry(2));
        connection.live(1, entry(1));

        assertEquals(List.of("e1", "e2"), sent);
    }

    @Test
    void aQueuePlaceIsSentWhenItChangesAndAfterTheWaitWasOver() {
        connection.queuePlace(List.of(3), () -> "place 3");
        connection.queuePlace(List.of(3), () -> "place 3 again");
        connection.queuePlace(List.of(2), () -> "place 2");
        connection.leftQueue();
        connection.queuePlace(List.of(2), () -> "place 2 of a new wait");

        assertEquals(List.of("place 3", "place 2", "place 2 of a new wait"), sent);
    }

    @Test
    void conversationsNeverResumedArePassedOnAsTheyCome() {
        connection.live(3, entry(5));
        connection.live(3, entry(5));

        assertEquals(List.of("e5", "e5"), sent);
    }

    @Test
    void liveEventsDuringAReplayWaitAndComeAfterItWithoutOverlap() {
        connection.live(7, entry(3));
        connection.beginReplay(7, 1);
        // Committed before the replay's read (so in the replay too) and after it (only live):
        connection.live(7, entry(4));
        connection.live(7, entry(6));
        connection.live(7, entry(5));

        connection.endReplay(7, List.of(entry(2), entry(3), entry(4)),
                last -> Json.createObjectBuilder().add("type", "resumed").add("lastSeq", last).build());
        connection.live(7, entry(6));
        connection.live(7, entry(7));

        assertEquals(List.of("e3", "e2", "e3", "e4", "{\"type\":\"resumed\",\"lastSeq\":4}", "e5", "e6", "e7"), sent,
                "e3 was live before the resume: the client asked for everything after 1");
    }

    @Test
    void otherConversationsAreNotHeldByAReplay() {
        connection.beginReplay(1, 0);
        connection.live(2, entry(9));
        connection.live(1, entry(1));

        assertEquals(List.of("e9"), sent);
        connection.abortReplay(1);
        assertEquals(List.of("e9", "e1"), sent);
    }

    @Test
    void aSocketRefusedAsItOpensGetsItsErrorAtOnceAndItsCloseOnTheClientsPong() {
        var later = new ArrayDeque<Runnable>();

        connection.refuseAsItOpens(Json.createObjectBuilder().add("type", "error").add("code", "inbox.missing")
                .build(), CloseReason.CloseCodes.VIOLATED_POLICY, later::add);

        assertEquals(List.of("{\"type\":\"error\",\"code\":\"inbox.missing\"}"), sent);
        assertEquals(List.of(), closes, "nothing closed while the handshake's request may still be finishing");
        later.poll().run();
        assertEquals("ping", sent.get(1));
        assertEquals(List.of(), closes, "the close waits for the client's pong");
        connection.closeRefused();
        assertEquals(List.of("1008 inbox.missing"), closes);
        later.poll().run();
        assertEquals(List.of("1008 inbox.missing"), closes, "closed once");
    }

    @Test
    void aRefusedSocketWhoseClientAnswersNoPingIsClosedAllTheSame() {
        var later = new ArrayDeque<Runnable>();
        connection.refuseAsItOpens(Json.createObjectBuilder().add("type", "error").add("code", "visitor.blocked")
                .build(), CloseReason.CloseCodes.VIOLATED_POLICY, later::add);

        later.poll().run();
        later.poll().run();

        assertEquals(List.of("1008 visitor.blocked"), closes);
    }

    @Test
    void aPongOnASocketThatWasNotRefusedClosesNothing() {
        connection.closeRefused();

        assertEquals(List.of(), closes);
    }

    @Test
    void aFrameTheContainerCannotSendClosesThatSocketAloneAndThrowsNothing() {
        // The container's encoder threw an Error for text it could not encode: a fan-out must go on past it.
        connection.send("encoder fails: unencodable");
        connection.send(Json.createObjectBuilder().add("text", "encoder fails again").build());

        assertEquals(List.of("1011 frame.unsendable", "1011 frame.unsendable"), closes);
        var otherSent = new ArrayList<String>();
        var other = new Connection(session(otherSent, new ArrayList<>()), new RateLimit(10, 10, 0));
        other.send("next");
        assertEquals(List.of("next"), otherSent, "the next socket of the fan-out still gets its frame");
    }

    @Test
    void theMachineFailingIsNotMistakenForAnUnsendableFrame() {
        assertThrows(StackOverflowError.class, () -> connection.send("machine fails"));
        assertEquals(List.of(), closes);
    }

    private static Connection.Entry entry(long seq) {
        return new Connection.Entry(seq, "e" + seq);
    }

    /** The container's failures, by the frame's text: an Error of its encoder, or one of the machine's. */
    private static void fail(Object[] args) {
        var text = args == null || args.length == 0 ? "" : String.valueOf(args[0]);
        if (text.contains("machine fails")) {
            throw new StackOverflowError("test");
        }
        if (text.contains("encoder fails")) {
            throw new Error("java.nio.charset.MalformedInputException: Input length = 1");
        }
    }

    private static Session session(List<String> sent, List<String> closes) {
        var basic = (RemoteEndpoint.Basic) Proxy.newProxyInstance(ConnectionTest.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Basic.class}, (proxy, method, args) -> {
                    fail(args);
                    switch (method.getName()) {
                        case "sendText" -> sent.add((String) args[0]);
                        case "sendObject" -> sent.add(args[0].toString());
                        case "sendPing" -> sent.add("ping");
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        var async = (RemoteEndpoint.Async) Proxy.newProxyInstance(ConnectionTest.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendText")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    fail(args);
                    sent.add((String) args[0]);
                    return null;
                });
        return (Session) Proxy.newProxyInstance(ConnectionTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "getBasicRemote" -> basic;
                    case "getAsyncRemote" -> async;
                    case "close" -> {
                        var reason = (CloseReason) args[0];
                        closes.add(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
