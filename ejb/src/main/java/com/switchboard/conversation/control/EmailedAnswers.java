package com.switchboard.conversation.control;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.boundary.PublicLinks;
import com.switchboard.visitor.boundary.VisitorComeBack;
import com.switchboard.visitor.control.ComeBackTickets;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An agent's answer to a message left while the inbox was offline goes to the visitor by e-mail too (the widget
 * promised it: docs/WIDGET.md), with the way back to the chat: a link to the chat page that opens this visitor's
 * chat on any device ({@link VisitorComeBack}), where the installation knows its address, or else the page they
 * wrote from. Written into the mail outbox in the reply's transaction, so it goes only if the reply is stored; the
 * reply itself never waits on the mail server.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EmailedAnswers {

    @EJB
    MailOutbox mail;

    @EJB
    VisitorComeBack comeBack;

    @Inject
    PublicLinks links;

    /** @param agentName the name the visitor saw the answer under ({@code Message#getShownAuthorName}) */
    public void answered(Conversation conversation, String agentName, String text, List<AttachedFile> files) {
        var visitor = conversation.getVisitor();
        if (!conversation.isAnsweredByEmail() || !mail.sends() || !MailOutbox.isAddress(visitor.getEmail())) {
            return;
        }
        var inbox = conversation.getInbox().settings().name();
        var body = new StringBuilder();
        body.append("Hello").append(visitor.getName() == null ? "" : " " + visitor.getName()).append(",\n\n")
                .append(agentName).append(" answered the message you left us")
                .append(":\n\n");
        if (text != null && !text.isBlank()) {
            body.append(text.strip()).append("\n\n");
        }
        if (!files.isEmpty()) {
            body.append("Files: ").append(files.stream().map(AttachedFile::name).collect(Collectors.joining(", ")))
                    .append(" (open the chat to download them)\n\n");
        }
        // The link works for a while: the mail is not sent after that.
        var until = links.known() ? Instant.now().plus(ComeBackTickets.VALIDITY) : null;
        if (until != null) {
            body.append("To answer, come back to the chat (this link works for ")
                    .append(ComeBackTickets.VALIDITY.toDays()).append(" days, for you alone: do not pass it on):\n")
                    .append(links.to("/visitor.html?inbox=" + URLEncoder.encode(
                            conversation.getEntryInbox().settings().name(), StandardCharsets.UTF_8)
                            + "#back=" + comeBack.ticketFor(visitor.getId(), until))).append("\n");
        } else if (visitor.getPageUrl() != null && visitor.getPageUrl().matches("(?i)https?://\\S+")) {
            body.append("To answer, come back to the chat: ").append(visitor.getPageUrl()).append("\n");
        } else {
            body.append("To answer, come back to the chat on our site.\n");
        }
        body.append("\n-- \n").append(inbox).append("\n");
        mail.queue(visitor.getEmail(), "Re: your message to " + inbox, body.toString(), conversation.getId(), until);
    }
}
