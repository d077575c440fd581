package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.longs;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.TestData.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.attachment.boundary.AttachmentDownload;
import com.switchboard.attachment.boundary.IncomingFile;
import com.switchboard.conversation.boundary.ConversationFiles;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Attachments: all or nothing, the inbox's types, who may read which file, and the HTTP API. */
@ExtendWith(ArquillianExtension.class)
class AttachmentsIT {

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationFiles attachments;

    @EJB
    ConversationParticipants participants;

    /** The application's own URL, for the tests that go through HTTP. */
    @ArquillianResource
    URL deployment;

    @Inject
    TestData data;

    @Test
    public void attachmentsAreStoredWithTheirMessageUnderServerChosenNames() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        var png = Samples.png();
        var pdf = Samples.pdf();

        var posted = attachments.postVisitorMessage(team.inbox(), visitor, "  ",
                List.of(file("../../etc/holiday.png", png), file("Rechnung.pdf", pdf)));

        assertEquals(1, posted.seq());
        assertEquals(List.of("holiday.png", "Rechnung.pdf"), posted.attachments().stream().map(a -> a.name()).toList());
        var rows = rows("SELECT a.file_name, a.media_type, a.kind, a.size_bytes, a.sha256, a.storage_name, m.body "
                + "FROM attachment a JOIN message m ON m.id = a.message_id WHERE a.conversation_id = ? ORDER BY a.id",
                posted.conversationId());
        assertEquals(List.of("holiday.png", "image/png", "IMAGE", String.valueOf(png.length), Samples.sha256(png)),
                rows.get(0).subList(0, 5));
        assertEquals(List.of("Rechnung.pdf", "application/pdf", "FILE", String.valueOf(pdf.length)),
                rows.get(1).subList(0, 4));
        assertEquals("", rows.get(0).get(6), "a message with files needs no text");
        for (int i = 0; i < 2; i++) {
            var stored = attachmentDir().resolve(rows.get(i).get(5));
            assertTrue(rows.get(i).get(5).matches("[0-9a-f]{2}/[0-9a-f]{32}"), "a server-chosen name");
            assertArrayEquals(i == 0 ? png : pdf, Files.readAllBytes(stored), "the file is in the directory");
        }
        assertEquals(List.of(), incoming(), "no temporary file is left");
        var entry = transcripts.forVisitor(visitor, posted.conversationId()).get(0);
        assertEquals(posted.attachments(), entry.attachments(), "the transcript mentions the files");
    }

    @Test
    public void aMessageWithOneRefusedFileStoresNothingAtAll() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        long conversation = visitorMessages.post(team.inbox(), visitor, "hello").conversationId();
        var filesBefore = storedFiles();

        var six = new ArrayList<IncomingFile>();
        for (int i = 0; i < 6; i++) {
            six.add(file("note" + i + ".txt", ("note " + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("attachment.too-many", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "six", six)).code());
        assertEquals("attachment.type", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "mixed", List.of(
                        file("a.png", Samples.png()), file("b.pdf", Samples.pdf()),
                        file("cat.png", Samples.html())))).code(), "HTML called .png is refused by its content");
        assertEquals("attachment.empty", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "empty", List.of(
                        file("a.png", Samples.png()), file("empty.txt", new byte[0])))).code());
        assertEquals("attachment.too-large", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "big", List.of(
                        file("a.png", Samples.png()),
                        new IncomingFile("big.txt", Samples.letters(20L * 1024 * 1024 + 1))))).code());
        assertEquals("message.too-long", assertThrows(RequestRejectedException.class,
                () -> attachments.postVisitorMessage(team.inbox(), visitor, "x".repeat(2001),
                        List.of(file("a.png", Samples.png())))).code(), "a caption obeys the message rules");

        assertEquals(List.of(1L), longs("SELECT seq FROM message WHERE conversation_id = ?", conversation),
                "no message was stored and no seq used");
        assertEquals(0L, count("SELECT COUNT(*) FROM attachment WHERE conversation_id = ?", conversation));
        assertEquals(filesBefore, storedFiles(), "no file was stored");
        assertEquals(List.of(), incoming(), "no temporary file is left");
    }

    @Test
    public void anInboxRefusesTheTypesItDoesNotAcceptAndTheRollbackLeavesNoFile() throws Exception {
        var settings = new InboxSettings("PDF only " + UUID.randomUUID(), null, null, null, null, null,
                Set.of(AttachmentType.PDF));
        var inbox = inboxes.create(settings).settings().name();
        var visitor = AnonymousVisitors.create(visitors);
        var filesBefore = storedFiles();

        var refused = assertThrows(RequestRejectedException.class, () -> attachments.postVisitorMessage(inbox,
                visitor, "photo and invoice", List.of(file("invoice.pdf", Samples.pdf()), file("me.png", Samples.png()))));
        assertEquals("attachment.type-not-accepted", refused.code());
        assertEquals(0L, count("SELECT COUNT(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "JOIN visitor v ON v.id = c.visitor_id WHERE v.token = ?", visitor), "the message rolled back");
        assertEquals(filesBefore, storedFiles(), "the accepted PDF did not stay either");
        assertEquals(List.of(), incoming());

        var posted = attachments.postVisitorMessage(inbox, visitor, null, List.of(file("invoice.pdf", Samples.pdf())));
        assertEquals(1, posted.attachments().size());
    }

    @Test
    public void onlyThoseWhoMayReadAConversationOpenItsFilesAndNotesStayWithTheAgents() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        var first = attachments.postVisitorMessage(team.inbox(), visitor, "my broken parcel",
                List.of(file("parcel.jpg", Samples.jpeg())));
        var photo = first.attachments().get(0);
        long conversation = first.conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());
        var note = attachments.postNote(conversation, team.ada(), "the courier's report",
                List.of(file("report.pdf", Samples.pdf()))).attachments().get(0);
        var reply = attachments.postAgentMessage(conversation, team.ada(), "Our label for the return",
                List.of(file("label.txt", "Return to: Example Inc.".getBytes(StandardCharsets.UTF_8))));

        var forAda = attachments.listForAgent(team.ada(), conversation);
        assertEquals(List.of("parcel.jpg"), forAda.images().stream().map(a -> a.name()).toList());
        assertEquals(List.of("report.pdf", "label.txt"), forAda.files().stream().map(a -> a.name()).toList());
        var forVisitor = attachments.listForVisitor(visitor, conversation);
        assertEquals(List.of("parcel.jpg"), forVisitor.images().stream().map(a -> a.name()).toList());
        assertEquals(List.of("label.txt"), forVisitor.files().stream().map(a -> a.name()).toList(), "no note's file");

        assertArrayEquals(Samples.jpeg(), read(attachments.openForVisitor(visitor, photo.id())));
        assertArrayEquals(Samples.pdf(), read(attachments.openForAgent(team.ada(), note.id())));
        assertEquals("attachment.unknown", assertThrows(RequestRejectedException.class,
                () -> attachments.openForVisitor(visitor, note.id())).code(), "a note's file is not the visitor's");
        assertEquals("attachment.unknown", assertThrows(RequestRejectedException.class,
                () -> attachments.openForVisitor(AnonymousVisitors.create(visitors), photo.id())).code());
        assertEquals("conversation.unknown", assertThrows(RequestRejectedException.class,
                () -> attachments.listForVisitor(AnonymousVisitors.create(visitors), conversation)).code());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> attachments.postAgentMessage(conversation, team.bob(), "me too",
                        List.of(file("x.txt", "x".getBytes(StandardCharsets.UTF_8))))).code());

        participants.handOn(conversation, team.ada(), team.bob());
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> attachments.openForAgent(team.ada(), photo.id())).code(), "the previous holder lost it");
        assertEquals("conversation.not-yours", assertThrows(RequestRejectedException.class,
                () -> attachments.listForAgent(team.ada(), conversation)).code());
        assertArrayEquals(Samples.jpeg(), read(attachments.openForAgent(team.bob(), photo.id())));
        assertEquals(1, reply.attachments().size());
    }

    @Test
    public void deletingAConversationDeletesItsFilesOnceTheDeletionCommits() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        var posted = attachments.postVisitorMessage(team.inbox(), visitor, "spam",
                List.of(file("spam.png", Samples.png())));
        var storage = rows("SELECT storage_name FROM attachment WHERE conversation_id = ?", posted.conversationId())
                .get(0).get(0);
        assertTrue(Files.exists(attachmentDir().resolve(storage)));

        lifecycle.delete(firstAdmin(), List.of(posted.conversationId()));

        assertEquals(0L, count("SELECT COUNT(*) FROM attachment WHERE conversation_id = ?", posted.conversationId()));
        assertFalse(Files.exists(attachmentDir().resolve(storage)), "the file went with its row");
    }

    @Test
    public void theHttpApiTakesMultipartUploadsAndServesFilesSoBrowsersNeverRunThem() throws Exception {
        var team = data.team();
        var visitor = AnonymousVisitors.create(visitors);
        var http = HttpClient.newHttpClient();
        var png = Samples.png();

        var upload = Multipart.of(List.of(Multipart.text("text", "Grüße, see attached"),
                Multipart.file("file", "Straße 1.png", png),
                Multipart.file("file", "notes.txt", Samples.letters(20L * 1024 * 1024).readAllBytes())));
        var created = http.send(upload.post(api("visitor/attachments?inbox="
                + URLEncoder.encode(team.inbox(), StandardCharsets.UTF_8))).header("X-Visitor-Token", visitor).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), () -> created.uri() + ": " + created.body());
        var json = Json.createReader(new StringReader(created.body())).readObject();
        var files = json.getJsonArray("attachments");
        assertEquals("Straße 1.png", files.getJsonObject(0).getString("name"), "UTF-8 names arrive intact");
        assertEquals(20L * 1024 * 1024, files.getJsonObject(1).getJsonNumber("size").longValue(),
                "a full 20 MB file passes the HTTP stack");
        long conversation = json.getJsonNumber("conversationId").longValue();

        var image = http.send(HttpRequest.newBuilder(api("visitor/attachments/" + files.getJsonObject(0).getInt("id")))
                .header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        assertArrayEquals(png, image.body());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(image.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
        assertEquals("inline; filename=\"Stra_e 1.png\"; filename*=UTF-8''Stra%C3%9Fe%201.png",
                image.headers().firstValue("Content-Disposition").orElseThrow());
        var text = http.send(HttpRequest.newBuilder(api("visitor/attachments/" + files.getJsonObject(1).getInt("id")))
                .header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(text.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertTrue(text.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"),
                "anything but a safe picture is a download");

        var listed = http.send(HttpRequest.newBuilder(api("visitor/conversations/" + conversation + "/attachments"))
                .header("X-Visitor-Token", visitor).build(), HttpResponse.BodyHandlers.ofString());
        var lists = Json.createReader(new StringReader(listed.body())).readObject();
        assertEquals(1, lists.getJsonArray("images").size(), listed.body());
        assertEquals(1, lists.getJsonArray("files").size(), listed.body());

        // The agent API: a bearer token; the holder may read, a colleague may not.
        participants.handOn(conversation, firstAdmin(), team.ada());
        var six = new ArrayList<Multipart.Part>();
        for (int i = 0; i < 6; i++) {
            six.add(Multipart.file("file", i + ".png", png));
        }
        var tooMany = http.send(Multipart.of(six).post(api("agent/conversations/" + conversation + "/attachments"))
                .header("Authorization", "Bearer " + data.tokenOf(team.ada(), "Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("attachment.too-many"), tooMany.body());
        var adaReads = http.send(HttpRequest.newBuilder(api("agent/conversations/" + conversation + "/attachments"))
                .header("Authorization", "Bearer " + data.tokenOf(team.ada(), "Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, adaReads.statusCode(), adaReads.body());
        var bobOpens = http.send(HttpRequest.newBuilder(api("agent/attachments/" + files.getJsonObject(0).getInt("id")))
                .header("Authorization", "Bearer " + data.tokenOf(team.bob(), "Bob")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, bobOpens.statusCode(), bobOpens.body());

        assertEquals(413, statusOfDeclaredUpload(101L * 1024 * 1024 + 1), "a body above 5 x 20 MB is refused unread");
    }

    private static byte[] read(AttachmentDownload download) throws Exception {
        try (var in = download.content()) {
            return in.readAllBytes();
        }
    }

    private static Path attachmentDir() {
        return Path.of(System.getenv("SWITCHBOARD_ATTACHMENTS_DIR"));
    }

    /** Every stored file (temporary ones apart). */
    private static Set<Path> storedFiles() throws Exception {
        if (!Files.isDirectory(attachmentDir())) {
            return Set.of();
        }
        try (var files = Files.walk(attachmentDir())) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(attachmentDir().resolve("incoming")))
                    .collect(Collectors.toSet());
        }
    }

    private static List<Path> incoming() throws Exception {
        var dir = attachmentDir().resolve("incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** Declares a body of {@code length} bytes and sends none: the answer must come before the body is read. */
    private int statusOfDeclaredUpload(long length) throws Exception {
        var uri = api("visitor/attachments?inbox=support");
        try (var socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            var request = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private URI api(String path) {
        return Answers.api(deployment, path);
    }
}
