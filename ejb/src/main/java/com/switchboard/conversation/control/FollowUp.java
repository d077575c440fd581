package com.switchboard.conversation.control;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A visitor's message for their current conversation, waiting for the group commit of the follow-ups; its text
 * and client id are checked before it waits. Its sender learns the outcome once the batch has committed: the
 * message as stored, or that it is to be posted alone (see {@link FollowUpBatch}).
 */
public record FollowUp(String inboxName, String visitorToken, String body, String clientId,
                       CompletableFuture<Optional<PostedMessage>> outcome) {

    public FollowUp(String inboxName, String visitorToken, String body, String clientId) {
        this(inboxName, visitorToken, body, clientId, new CompletableFuture<>());
    }

    /** Committed as {@code stored}, or (empty) left for its sender to post alone. */
    public void completed(Optional<PostedMessage> stored) {
        outcome.complete(stored);
    }

    /** The batch failed and stored nothing: its sender posts it alone, where only its own faults stop it. */
    public void postAlone() {
        outcome.complete(Optional.empty());
    }

    /**
     * The batch failed for a reason that is not this message's own (the database is unavailable): its sender is
     * refused with it at once, rather than trying alone and waiting out the same outage a second time.
     */
    public void failed(RuntimeException failure) {
        outcome.completeExceptionally(failure);
    }

    /** The node is stopping and its writers with it: the sender is told to send it again (to another node). */
    public void abandoned() {
        outcome.completeExceptionally(new CancellationException("The node is stopping"));
    }

    /**
     * The message as committed, or empty when its sender is to post it alone.
     *
     * @throws RuntimeException the failure of its batch that concerns every message in it ({@link #failed})
     *
     * @throws TimeoutException nothing was heard within the time, or the node is stopping: the batch may still
     *                          commit it (a resend under the same client id finds it)
     */
    public Optional<PostedMessage> await(long millis) throws TimeoutException {
        try {
            return outcome.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("Interrupted while waiting for the follow-ups' commit");
        } catch (CancellationException e) {
            throw new TimeoutException(e.getMessage());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
