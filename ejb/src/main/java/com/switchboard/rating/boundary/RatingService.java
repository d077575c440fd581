package com.switchboard.rating.boundary;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.AgentNews;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.rating.control.ConversationRated;
import com.switchboard.rating.entity.ConversationRating;
import com.switchboard.rating.entity.Rating;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Satisfaction ratings (CSAT): the visitor rates a conversation once it is closed (by anyone), once; the agents who
 * may read the conversation and the supervisors see it. Refusals change nothing: a rating of an open chat
 * ({@code rating.chat-open}), a second one ({@code rating.already-given}), one where the inbox asks for none
 * ({@code rating.not-asked}), a score off the scale ({@code rating.score}), a comment over 1000 characters
 * ({@code rating.comment-too-long}), and someone else's or an unknown conversation ({@code conversation.unknown}).
 */
@Stateless
public class RatingService {

    @PersistenceContext
    EntityManager em;

    @EJB
    ConversationGuard guard;

    @EJB
    EventTopic topic;

    @Inject
    Event<ConversationRated> rated;

    /** The visitor's rating of their conversation; stored once, announced after commit. */
    public RatingView rate(String visitorToken, long conversationId, int score, String comment) {
        var conversation = guard.visitorsConversation(visitorToken, conversationId);
        // The conversation's lock makes "once" hold for two ratings sent at the same time (the key backs it up).
        em.lock(conversation, LockModeType.PESSIMISTIC_WRITE);
        if (conversation.getStatus() != ConversationStatus.CLOSED
                && conversation.getStatus() != ConversationStatus.ARCHIVED) {
            throw RequestRejectedException.conflict("rating.chat-open", "A chat is rated once it has ended.");
        }
        if (em.find(ConversationRating.class, conversationId) != null) {
            throw RequestRejectedException.conflict("rating.already-given", "This chat has been rated already.");
        }
        var rating = new Rating(conversation.getInbox().getRatingScale(), score, comment);
        var inboxId = conversation.getInbox().getId();
        var agentId = conversation.getAssignee() == null ? null : conversation.getAssignee().getId();
        var stored = new ConversationRating(conversationId, inboxId, agentId, rating, Instant.now());
        em.persist(stored);
        em.flush();
        rated.fire(new ConversationRated(conversationId, inboxId, agentId, rating.scale(), rating.score(),
                rating.satisfied(), rating.comment()));
        // The consoles of the inbox's members show it on the conversation (docs/PROTOCOL.md).
        topic.publish(AgentNews.of(JSON.createObjectBuilder().add("type", ConversationRated.TYPE)
                .add("conversationId", conversationId).add("inboxId", inboxId)
                .add("scale", rating.scale().name()).add("score", rating.score())
                .add("comment", rating.comment() == null ? JsonValue.NULL : JSON.createValue(rating.comment()))
                .build()));
        return RatingView.of(stored);
    }

    /** What the widget needs after a chat: the inbox's scale and whether this chat was rated already. */
    public RatingView forVisitor(String visitorToken, long conversationId) {
        return view(guard.visitorsConversation(visitorToken, conversationId));
    }

    /** For an agent who may read the conversation (its holder, members, participants, supervisors). */
    public RatingView forAgent(long agentId, long conversationId) {
        var conversation = guard.existing(conversationId);
        guard.requireReadable(guard.activeAgent(agentId), conversation);
        return view(conversation);
    }

    /** For the admin console (its pages check the role). */
    public RatingView of(long conversationId) {
        return view(guard.existing(conversationId));
    }

    private RatingView view(Conversation conversation) {
        var rating = em.find(ConversationRating.class, conversation.getId());
        return rating != null ? RatingView.of(rating)
                : RatingView.notYet(conversation.getId(), conversation.getInbox().getRatingScale());
    }
}
