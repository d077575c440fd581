package com.switchboard.conversation.control;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A visitor's message for their current conversation, waiting for the group commit of the follow-ups; its text
 * and client id are checked before it waits. Its sender learns the outcome once the batch has committed: the
 * message as stored, or that it is to be posted alone (see {@link FollowUpBatch}). {@code alongside} is the
 * sender's own work in the batch's transaction, around the storing of this message only.
 */
public record FollowUp(String inboxName, String visitorToken, String body, String clientId, Alongside alongside,
                       CompletableFuture<Optional<PostedMessage>> outcome) {

    /**
     * What a sender does in the batch's transaction with its message for conversation {@code conversationId},
     * around its storing ({@code store}, which it calls at most once): a legacy system's message records itself as
     * handled and names itself on the events it causes. Empty when it leaves the message unstored, to be posted
     * alone (a legacy system's message handled already). Whatever it throws undoes the whole batch, whose messages
     * are then posted alone.
     */
    @FunctionalInterface
    public interface Alongside {

        Alongside NOTHING = (conversationId, store) -> Optional.of(store.get());

        Optional<PostedMessage> around(long conversationId, Supplier<PostedMessage> store);
    }

    public FollowUp(String inboxName, String visitorToken, String body, String clientId) {
        this(inboxName, visitorToken, body, clientId, Alongside.NOTHING);
    }

    public FollowUp(String inboxName, String visitorToken, String body, String clientId, Alongside alongside) {
        this(inboxName, visitorToken, body, clientId, alongside, new CompletableFuture<>());
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
