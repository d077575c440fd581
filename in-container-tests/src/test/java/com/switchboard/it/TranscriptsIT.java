package com.switchboard.it;

import static com.switchboard.it.Answers.json;
import static com.switchboard.it.Answers.refusal;
import static com.switchboard.it.Answers.unzip;
import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.version;
import static com.switchboard.it.TestData.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationFiles;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.documents.Csv;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.rating.boundary.RatingService;
import com.switchboard.routing.boundary.InvitationService;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.transcript.boundary.ConversationExports;
import com.switchboard.transcript.boundary.ExportKind;
import com.switchboard.transcript.boundary.StaffTranscript;
import com.switchboard.transcript.boundary.StaffTranscripts;
import com.switchboard.transcript.control.ExportRows;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transcripts for staff, exports of conversations, the visitor's PDF log. */
@ExtendWith(ArquillianExtension.class)
class TranscriptsIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationFiles attachments;

    @EJB
    ConversationParticipants participants;

    @EJB
    RoutingService routing;

    @EJB
    InvitationService invitations;

    @EJB
    AgentAdministration administration;

    @EJB
    RatingService ratings;

    @EJB
    StaffTranscripts staffTranscripts;

    @EJB
    ConversationExports exports;

    /** The application's own URL, for the tests that go through HTTP. */
    @ArquillianResource
    URL deployment;

    @Inject
    TestData data;

    @Test
    public void aStaffTranscriptHoldsEveryEntryMarkedForAdminsAndTheInboxsSupervisorsOnly() throws Exception {
        var team = data.team();
        long inboxId = count("SELECT id FROM inbox WHERE name = ?", team.inbox());
        long sue = data.supervisor("Sue", inboxId);
        long sam = data.supervisor("Sam", null);
        administration.namePublicly(firstAdmin(), team.ada(), "Ada from Support");
        var visitor = AnonymousVisitors.create(visitors);
        visitors.introduce(visitor, "Lou", null);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Is <b>this</b> in stock?")
                .conversationId();
        routing.assign(firstAdmin(), conversation, team.ada(), true);
        agentMessages.reply(conversation, team.ada(), "Yes, two left.", null);
        agentMessages.note(conversation, team.ada(), "secret: reorder soon");
        var png = Samples.png();
        attachments.postAgentMessage(conversation, team.ada(), "The label", List.of(file("label.png", png)));
        long menu = agentMessages.offerOptions(conversation, team.ada(), "Which size?", List.of("Small", "Large")).seq();
        visitorMessages.pickOption(visitor, conversation, menu, 1);
        agents.changePresence(team.bob(), Presence.ONLINE);
        invitations.decline(team.bob(), invitations.invite(team.ada(), conversation, team.bob(), false).id());
        participants.invite(conversation, team.ada(), team.bob());
        lifecycle.close(conversation, team.ada());
        visitorMessages.post(team.inbox(), visitor, "One more thing");
        lifecycle.close(conversation, firstAdmin());

        var transcript = staffTranscripts.of(firstAdmin(), conversation);
        var entries = transcript.entries();
        var said = entries.stream().filter(e -> "Yes, two left.".equals(e.text())).findFirst().orElseThrow();
        assertEquals(List.of("Ada", "Ada from Support"), List.of(said.who(), said.shownAs()),
                "staff read the account name and the name the visitor saw");
        var note = entries.stream().filter(e -> "secret: reorder soon".equals(e.text())).findFirst().orElseThrow();
        assertEquals(StaffTranscript.Kind.NOTE, note.kind());
        var label = entries.stream().filter(e -> "The label".equals(e.text())).findFirst().orElseThrow();
        assertEquals(List.of(new StaffTranscript.File("label.png", "image/png", png.length)), label.files());
        var options = entries.stream().filter(e -> e.seq() != null && e.seq() == menu).findFirst().orElseThrow();
        assertEquals(List.of("Small", "Large"), options.options());
        assertEquals(1, options.picked());
        var internal = entries.stream().filter(e -> e.kind() == StaffTranscript.Kind.INTERNAL).map(e -> e.text())
                .toList();
        assertTrue(internal.contains("Ada invited Bob."), internal.toString());
        var events = entries.stream().filter(e -> e.kind() == StaffTranscript.Kind.EVENT).map(e -> e.who()).toList();
        assertTrue(events.containsAll(List.of("Assigned to Ada", "Ada invited Bob to take part",
                "Bob declined Ada's invitation", "Reopened by Lou")), events.toString());
        var order = entries.stream().map(e -> e.kind() == StaffTranscript.Kind.EVENT ? e.who() : e.text())
                .filter(s -> s.startsWith("Closed") || List.of("Reopened by Lou", "One more thing").contains(s))
                .toList();
        assertEquals(List.of("Closed by Ada", "Reopened by Lou", "One more thing", "Closed by Administrator"), order,
                "each close says who made it");
        assertEquals(2L, count("SELECT COUNT(*) FROM conversation_milestone WHERE conversation_id = ? "
                + "AND kind = 'CLOSED'", conversation));
        var html = transcript.html();
        assertTrue(html.contains("Private note · never shown to the visitor"), html);
        assertTrue(html.contains("Is &lt;b&gt;this&lt;/b&gt; in stock?"), html);
        assertTrue(html.contains("label.png (image/png, "), html);
        var pdf = new java.io.ByteArrayOutputStream();
        transcript.pdf(pdf);
        var text = pdfText(pdf.toByteArray());
        assertTrue(text.contains("secret: reorder soon") && text.contains("Large ← the visitor's choice"), text);

        // Supervisors of the inbox too; nobody else.
        assertEquals(conversation, staffTranscripts.of(sue, conversation).facts().conversationId());
        assertEquals("transcript.inbox-forbidden", refusal(() -> staffTranscripts.of(sam, conversation)));
        assertEquals("transcript.forbidden", refusal(() -> staffTranscripts.of(team.ada(), conversation)));
        assertEquals("conversation.unknown", refusal(() -> staffTranscripts.of(firstAdmin(), -conversation)));

        // The visitor's own log, in either format, has none of it.
        var log = transcripts.chatLogForVisitor(visitor, conversation);
        var visitorsPdf = pdfText(log.pdf());
        assertTrue(visitorsPdf.contains("Ada from Support") && visitorsPdf.contains("One more thing"), visitorsPdf);
        for (var copy : List.of(log.html(), visitorsPdf)) {
            assertFalse(copy.contains("reorder") || copy.contains("invited"), copy);
        }

        assertEquals(1, lifecycle.delete(firstAdmin(), List.of(conversation)));
        assertEquals(0L, count("SELECT COUNT(*) FROM conversation_milestone WHERE conversation_id = ?", conversation),
                "its milestones go with a deleted conversation");
    }

    @Test
    public void exportsAreFormulaSafeBoundedAndHoldOnlyTheSupervisorsInboxes() throws Exception {
        var mine = data.team();
        var other = data.team();
        long mineId = count("SELECT id FROM inbox WHERE name = ?", mine.inbox());
        long otherId = count("SELECT id FROM inbox WHERE name = ?", other.inbox());
        long sue = data.supervisor("Sue", mineId);
        var visitor = AnonymousVisitors.create(visitors);
        visitors.introduce(visitor, "=HYPERLINK(\"http://evil.example\")", null);
        long here = visitorMessages.post(mine.inbox(), visitor, "Hello").conversationId();
        participants.handOn(here, firstAdmin(), mine.ada());
        agentMessages.reply(here, mine.ada(), "Hi", null);
        agentMessages.note(here, mine.ada(), "secret: call back");
        lifecycle.retag(here, mine.ada(), version(here), List.of("vip"));
        lifecycle.close(here, mine.ada());
        ratings.rate(visitor, here, 2, "@SUM(A1)");
        long there = visitorMessages.post(other.inbox(), AnonymousVisitors.create(visitors), "Elsewhere")
                .conversationId();
        var ofMine = ConversationQuery.all().withInboxes(Set.of(mineId));

        var lines = new String(export(firstAdmin(), ofMine, ExportKind.CSV), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertEquals(Csv.row(ExportRows.HEADER).strip(), lines[0]);
        assertTrue(lines[1].startsWith(here + ",\"" + mine.inbox() + "\",\"WIDGET\",\"'=HYPERLINK(\"\"http://"
                + "evil.example\"\")\","), lines[1]);
        assertTrue(lines[1].endsWith(",1,1,1,\"2/5\",\"no\",\"'@SUM(A1)\",\"vip\""), lines[1]);
        assertEquals(List.of("AGENT", "Ada", "", ""), endedBy(lines[1]), "closed by Ada, not archived");

        var sues = new String(export(sue, ConversationQuery.all(), ExportKind.CSV), StandardCharsets.UTF_8);
        assertTrue(sues.contains("\r\n" + here + ","), sues);
        assertFalse(sues.contains("\r\n" + there + ","), "a supervisor exports their own inboxes only");
        assertEquals("transcript.inbox-forbidden", refusal(() -> exports.prepare(sue,
                ConversationQuery.all().withInboxes(Set.of(otherId)), ExportKind.CSV)));
        assertEquals("transcript.forbidden", refusal(() -> exports.prepare(mine.ada(), ofMine, ExportKind.CSV)));

        for (var kind : List.of(ExportKind.HTML_TRANSCRIPTS, ExportKind.PDF_TRANSCRIPTS)) {
            var files = unzip(export(firstAdmin(), ofMine, kind));
            var name = "conversation-" + here + "-transcript." + kind.transcriptFormat().extension();
            assertEquals(Set.of("conversations.csv", name), files.keySet());
            var transcript = kind == ExportKind.PDF_TRANSCRIPTS ? pdfText(files.get(name))
                    : new String(files.get(name), StandardCharsets.UTF_8);
            assertTrue(transcript.contains("secret: call back") && transcript.contains("Private note"), transcript);
        }

        // Who archived it too, with an admin's name as it was then (formula-safe), and a visitor's own close.
        long root = agents.create(new NewAgent("root." + UUID.randomUUID() + "@example.com", "=Root",
                "root password!", Set.of(Role.ADMIN))).id();
        lifecycle.archiveInAdminConsole(here, root);
        var leaving = AnonymousVisitors.create(visitors);
        long left = visitorMessages.post(mine.inbox(), leaving, "Never mind").conversationId();
        lifecycle.closeByVisitor(leaving, left);
        var ended = Arrays.stream(new String(export(firstAdmin(), ofMine.withStatuses(
                EnumSet.allOf(ConversationStatus.class)), ExportKind.CSV), StandardCharsets.UTF_8).split("\r\n"))
                .skip(1).collect(Collectors.toMap(line -> Long.valueOf(line.substring(0, line.indexOf(','))),
                        line -> line));
        assertEquals(Set.of(here, left), ended.keySet());
        assertEquals(List.of("AGENT", "Ada", "ADMIN", "\"'=Root\""), endedBy(ended.get(here)), ended.get(here));
        assertEquals(List.of("VISITOR", "", "", ""), endedBy(ended.get(left)), ended.get(left));

        // Past the limit the export is refused whole, before anything is written; the CSV's limit is higher.
        var crowded = inboxes.create(InboxSettings.defaults("Crowded " + UUID.randomUUID()));
        for (int i = 0; i <= ExportKind.MAX_TRANSCRIPTS; i++) {
            visitorMessages.post(crowded.settings().name(), AnonymousVisitors.create(visitors), "Hello " + i);
        }
        var ofCrowded = ConversationQuery.all().withInboxes(Set.of(crowded.id()));
        var tooMany = assertThrows(RequestRejectedException.class,
                () -> exports.prepare(firstAdmin(), ofCrowded, ExportKind.PDF_TRANSCRIPTS));
        assertEquals("export.too-many", tooMany.code());
        assertTrue(tooMany.getMessage().startsWith((ExportKind.MAX_TRANSCRIPTS + 1) + " conversations match"),
                tooMany.getMessage());
        assertEquals(ExportKind.MAX_TRANSCRIPTS + 1,
                exports.prepare(firstAdmin(), ofCrowded, ExportKind.CSV).conversationIds().size());
    }

    @Test
    public void theApiServesTranscriptsExportsAndTheVisitorsPdfLogWithTheirRefusals() throws Exception {
        var team = data.team();
        long inboxId = count("SELECT id FROM inbox WHERE name = ?", team.inbox());
        long sue = data.supervisor("Sue", inboxId);
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "Where is it? שלום").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        agentMessages.reply(conversation, team.ada(), "It ships today.", null);
        agentMessages.note(conversation, team.ada(), "secret: fragile");
        var http = HttpClient.newHttpClient();
        var log = HttpRequest.newBuilder(api("visitor/conversations/" + conversation + "/log?format=pdf"))
                .header("X-Visitor-Token", visitor).build();
        assertEquals(409, http.send(log, HttpResponse.BodyHandlers.ofString()).statusCode(), "not while it goes on");
        lifecycle.close(conversation, team.ada());

        var pdf = http.send(log, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"chat-" + conversation + ".pdf\"",
                pdf.headers().firstValue("Content-Disposition").orElseThrow());
        var visitorsCopy = pdfText(pdf.body());
        assertTrue(visitorsCopy.contains("It ships today.") && visitorsCopy.contains("Where is it?"), visitorsCopy);
        assertFalse(visitorsCopy.contains("fragile"), visitorsCopy);
        var wrongFormat = http.send(HttpRequest.newBuilder(api("visitor/conversations/" + conversation
                + "/log?format=doc")).header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of(400, "chat-log.format"), List.of(wrongFormat.statusCode(),
                json(wrongFormat.body()).getString("code")));

        var sueToken = data.tokenOf(sue, "Sue");
        var transcript = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation
                        + "/transcript?format=pdf")).header("Authorization", "Bearer " + sueToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, transcript.statusCode());
        assertTrue(pdfText(transcript.body()).contains("secret: fragile"));
        var page = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation + "/transcript"))
                .header("Authorization", "Bearer " + sueToken).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
        assertTrue(page.body().contains("secret: fragile"), page.body());
        var agents = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation + "/transcript"))
                .header("Authorization", "Bearer " + data.tokenOf(team.ada(), "Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of(403, "transcript.forbidden"), List.of(agents.statusCode(),
                json(agents.body()).getString("code")));

        var csv = http.send(HttpRequest.newBuilder(api("agent/conversations/export.csv?status=CLOSED&inbox="
                + inboxId)).header("Authorization", "Bearer " + sueToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().contains("\r\n" + conversation + ","), csv.body());
        var zip = http.send(HttpRequest.newBuilder(api("agent/conversations/export.zip?transcripts=pdf&inbox="
                + inboxId)).header("Authorization", "Bearer " + sueToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertTrue(unzip(zip.body()).containsKey("conversation-" + conversation + "-transcript.pdf"));
        for (var refused : Map.of("agent/conversations/export.xls", List.of(404, "export.unknown"),
                "agent/conversations/export.zip?transcripts=doc", List.of(400, "transcript.format"),
                "agent/conversations/export.csv?inbox=nine", List.of(400, "request.parameter")).entrySet()) {
            var answer = http.send(HttpRequest.newBuilder(api(refused.getKey()))
                    .header("Authorization", "Bearer " + sueToken).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(refused.getValue(), List.of(answer.statusCode(), json(answer.body()).getString("code")),
                    refused.getKey());
        }
    }

    /**
     * The cells "Closed by", "Closed by (name)", "Archived by", "Archived by (name)" of an export's line, unquoted
     * except for the admin's name (whose quotes and apostrophe the test checks); none of this test's cells holds a
     * comma.
     */
    private static List<String> endedBy(String line) {
        var cells = List.of(line.split(",", -1));
        var header = ExportRows.HEADER;
        return java.util.stream.Stream.of("Closed by", "Closed by (name)", "Archived by", "Archived by (name)")
                .map(name -> cells.get(header.indexOf(name)))
                .map(cell -> cell.startsWith("\"'") ? cell : cell.replace("\"", "")).toList();
    }

    private byte[] export(long agentId, ConversationQuery query, ExportKind kind) {
        var out = new java.io.ByteArrayOutputStream();
        exports.write(agentId, exports.prepare(agentId, query, kind), out);
        return out.toByteArray();
    }

    /** The text of every page, read back with the PDF library's own extractor (in the WAR). */
    private static String pdfText(byte[] pdf) throws Exception {
        var reader = new com.lowagie.text.pdf.PdfReader(pdf);
        try {
            var extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
            var text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }

    private URI api(String path) {
        return Answers.api(deployment, path);
    }
}
