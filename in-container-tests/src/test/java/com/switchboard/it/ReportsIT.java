package com.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.report.boundary.Reports;
import com.switchboard.routing.boundary.LiveQueues;
import com.switchboard.routing.boundary.RoutingService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin console's figures: live queues and the conversations report. */
@ExtendWith(ArquillianExtension.class)
class ReportsIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    RoutingService routing;

    @EJB
    LiveQueues liveQueues;

    @EJB
    Reports reports;

    @Inject
    TestData data;

    @Test
    void theLiveQueuesAndTheReportCountAnInboxsConversations() throws Exception {
        var crew = data.crew(null);
        long handled = data.visitorWrites(crew, "Hello, my order is late");
        long abandoned = data.visitorWrites(crew, "Is anybody there?");

        var queue = liveQueues.inboxes().stream().filter(q -> q.inboxId() == crew.inboxId()).findFirst()
                .orElseThrow();
        assertEquals(2, queue.waiting(), "nobody of the crew is online: both wait");
        assertNotNull(queue.oldestWaitingSince());
        assertEquals(List.of(handled, abandoned), liveQueues.waiting(10, crew.inboxId()).stream()
                .map(LiveQueues.WaitingConversation::conversationId).toList(), "longest waiting first");

        routing.assign(crew.sue(), handled, crew.ada(), true);
        agentMessages.reply(handled, crew.ada(), "Let me look.", null);
        lifecycle.close(handled, crew.ada());
        lifecycle.close(abandoned, crew.sue());
        assertEquals(0, liveQueues.inboxes().stream().filter(q -> q.inboxId() == crew.inboxId()).findFirst()
                .orElseThrow().waiting());

        var zone = ZoneId.systemDefault();
        var today = LocalDate.now(zone);
        var report = reports.conversations(today.minusDays(1), today.plusDays(1), zone, crew.inboxId(), null);
        assertEquals(3, report.days().size());
        assertEquals(2, report.total().conversations());
        assertEquals(1, report.total().abandoned(), "closed before anyone had it");
        assertNotNull(report.total().firstResponse());
        assertNotNull(report.total().waiting(), "until Sue assigned it");
        assertNotNull(report.total().handling(), "from the assignment to the close");
        assertEquals(1, reports.conversations(today.minusDays(1), today.plusDays(1), zone, null, crew.ada()).total()
                .conversations(), "Ada's report: the one she held");
        assertEquals("report.range", assertThrows(RequestRejectedException.class,
                () -> reports.conversations(today, today.minusDays(1), zone, null, null)).code());
        assertEquals(2, reports.traffic(crew.inboxId(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60))
                .conversations());
    }
}
