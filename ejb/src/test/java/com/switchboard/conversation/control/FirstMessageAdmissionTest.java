package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.input.RequestRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstMessageAdmissionTest {

    private final FirstMessageAdmission admission = new FirstMessageAdmission();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private CompletableFuture<String> holder;

    @BeforeEach
    void oneTurnTakenByAFirstMessageStillAtWork() throws Exception {
        admission.atOnce = 1;
        admission.start();
        holder = CompletableFuture.supplyAsync(() -> admission.admit(() -> {
            held.countDown();
            await(release);
            return "first";
        }), threads);
        assertTrue(held.await(5, TimeUnit.SECONDS));
    }

    @AfterEach
    void letItFinish() {
        release.countDown();
        threads.shutdown();
    }

    @Test
    void oneThatFindsNoTurnWithinItsWaitIsRefusedAsUnavailableWithATimeToSendItAgainAndIsNotRun() {
        var refused = assertThrows(RequestRejectedException.class, () -> admission.admit(() -> {
            throw new AssertionError("ran without a turn");
        }));
        assertEquals(RequestRejectedException.Kind.UNAVAILABLE, refused.kind());
        assertEquals("server.unavailable", refused.code());
        var retryAfter = refused.retryAfter();
        assertTrue(retryAfter.compareTo(Duration.ofMillis(500)) >= 0
                && retryAfter.compareTo(Duration.ofMillis(10_500)) < 0, retryAfter.toString());
    }

    @Test
    void oneThatWaitsBrieflyForATurnGetsIt() throws Exception {
        var waiting = CompletableFuture.supplyAsync(() -> admission.admit(() -> "second"), threads);
        awaitQueue(1);
        release.countDown();
        assertEquals("second", waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void beyondFourWaitingPerTurnTheNextIsRefusedWithoutWaiting() throws Exception {
        List<CompletableFuture<String>> waiting = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> admission.admit(() -> "waited " + i), threads)).toList();
        awaitQueue(4);
        assertThrows(RequestRejectedException.class, () -> admission.admit(() -> "fifth"));
        assertFalse(waiting.stream().anyMatch(CompletableFuture::isDone), "refused while the four still wait");
        release.countDown();
        for (var future : waiting) {
            future.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTurnComesBackWhenTheFirstMessageEndsEvenByAFailure() throws Exception {
        release.countDown();
        assertEquals("first", holder.get(5, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> admission.admit(() -> {
            throw new IllegalStateException("the database refused it");
        }));
        assertEquals("next", admission.admit(() -> "next"));
    }

    @Test
    void thePaceIsTheLastWholeSecondsCountOrTheCurrentOnesIfMore() {
        var pace = new FirstMessageAdmission.Pace();
        assertEquals(0, pace.lastSecond(100));
        pace.count(100);
        pace.count(100);
        pace.count(100);
        assertEquals(3, pace.lastSecond(100), "the current second so far");
        pace.count(101);
        assertEquals(3, pace.lastSecond(101), "the whole second before, more than this one yet");
        pace.count(101);
        pace.count(101);
        pace.count(101);
        assertEquals(4, pace.lastSecond(101));
        assertEquals(4, pace.lastSecond(102), "the second before");
        assertEquals(0, pace.lastSecond(104), "nothing for two seconds");
    }

    private void awaitQueue(int length) throws InterruptedException {
        for (int i = 0; i < 500 && admission.turns.getQueueLength() < length; i++) {
            Thread.sleep(10);
        }
        assertEquals(length, admission.turns.getQueueLength());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
