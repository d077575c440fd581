package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Answers.refusal;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.messaging.Destinations;
import com.switchboard.rating.boundary.RatingService;
import com.switchboard.report.boundary.Reports;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Satisfaction ratings. */
@ExtendWith(ArquillianExtension.class)
class RatingsIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    Reports reports;

    @EJB
    RatingService ratings;

    @Inject
    TestData data;

    @Test
    public void aClosedChatIsRatedOnceOnItsInboxScaleAndBadRatingsChangeNothing() throws Exception {
        var team = data.team();
        long inboxId = count("SELECT id FROM inbox WHERE display_name = ?", team.inbox());
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "My parcel is late").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "It arrives tomorrow", null);
        assertEquals("rating.chat-open", refusal(() -> ratings.rate(visitor, conversation, 5, null)));
        lifecycle.closeByVisitor(visitor, conversation);

        assertEquals("FIVE", ratings.forVisitor(visitor, conversation).scale().name());
        assertFalse(ratings.forVisitor(visitor, conversation).rated());
        assertEquals("rating.score", refusal(() -> ratings.rate(visitor, conversation, 6, null)));
        assertEquals("rating.score", refusal(() -> ratings.rate(visitor, conversation, 0, null)));
        assertEquals("rating.comment-too-long", refusal(() -> ratings.rate(visitor, conversation, 4,
                "x".repeat(1001))));
        var stranger = AnonymousVisitors.create(visitors);
        assertEquals("conversation.unknown", refusal(() -> ratings.rate(stranger, conversation, 4, null)));
        assertEquals("conversation.unknown", refusal(() -> ratings.rate(visitor, Long.MAX_VALUE, 4, null)));
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_rating WHERE conversation_id = ?", conversation),
                "no refusal stored anything");

        try (var events = TopicSubscriber.subscribe(Destinations.EVENTS)) {
            var rated = ratings.rate(visitor, conversation, 4, "  Quick and kind  ");
            assertEquals("Quick and kind", rated.comment());
            assertTrue(rated.satisfied());
            var event = events.await(body -> body.contains("conversation.rated") && json(body)
                    .getJsonNumber("conversationId").longValue() == conversation, Duration.ofSeconds(20));
            assertTrue(event.isPresent(), "events: " + events.seen());
            var json = json(event.get());
            assertEquals(4, json.getInt("score"));
            assertEquals("FIVE", json.getString("scale"));
            assertTrue(json.getBoolean("satisfied"));
            assertEquals("Quick and kind", json.getString("comment"));
            assertEquals(team.ada(), json.getJsonNumber("agentId").longValue());
            assertEquals(inboxId, json.getJsonNumber("inboxId").longValue());
        }
        assertEquals("rating.already-given", refusal(() -> ratings.rate(visitor, conversation, 1, "changed mind")));
        var seen = ratings.forAgent(team.ada(), conversation);
        assertEquals(List.of(4, "Quick and kind"), List.of(seen.score(), seen.comment()), "a second rating changed nothing");

        // A good/bad inbox: 1 is good, 0 bad, anything else refused; CSAT counts the satisfied share.
        inboxes.changeRatingScale(inboxId, RatingScale.GOOD_BAD);
        var second = AnonymousVisitors.create(visitors);
        long other = visitorMessages.post(team.inbox(), second, "Wrong size").conversationId();
        participants.handOn(other, firstAdmin(), team.ada());
        lifecycle.close(other, team.ada());
        assertEquals("rating.score", refusal(() -> ratings.rate(second, other, 4, null)));
        assertFalse(ratings.rate(second, other, 0, null).satisfied());

        var today = LocalDate.now(ZoneId.of("UTC"));
        for (var report : List.of(reports.conversations(today, today, ZoneId.of("UTC"), inboxId, null),
                reports.conversations(today, today, ZoneId.of("UTC"), null, team.ada()))) {
            assertEquals(2, report.total().rated());
            assertEquals(1, report.total().satisfied());
            assertEquals(50, report.total().csatPercent());
        }

        inboxes.changeRatingScale(inboxId, RatingScale.NONE);
        var third = AnonymousVisitors.create(visitors);
        long unasked = visitorMessages.post(team.inbox(), third, "Thanks").conversationId();
        lifecycle.closeByVisitor(third, unasked);
        assertEquals("rating.not-asked", refusal(() -> ratings.rate(third, unasked, 1, null)));
    }
}
