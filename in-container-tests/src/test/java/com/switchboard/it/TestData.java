package com.switchboard.it;

import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import com.switchboard.attachment.boundary.IncomingFile;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationPage;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InactivityPolicy;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.routing.control.Router;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The people and places a test makes for itself, under fresh names so that no test depends on another: inboxes
 * with their agents, visitors with their first message; and what an agent's list shows. A CDI bean of the test
 * deployment, injected into the test classes in the container.
 */
@Dependent
class TestData {

    /** The inbox that the first start created. */
    static final String INBOX = "support";

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    AgentAuthentication authentication;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    ConversationDirectory directory;

    @EJB
    Router router;

    @PersistenceContext
    EntityManager em;

    /** Ada and Bob, members of the inbox, Carol, in no inbox, and Sue, a supervisor. */
    record Crew(long inboxId, String inbox, long ada, long bob, long carol, long sue) {
    }

    record Team(String inbox, long ada, long bob) {
    }

    record Inbox(long id, String name) {
    }

    /** A fresh inbox with the given reply time limit (or none) and its crew. */
    Crew crew(Duration replyTimeLimit) {
        var inbox = newInbox(replyTimeLimit);
        long carol = agents.create(new NewAgent("carol." + UUID.randomUUID() + "@example.com", "Carol",
                "Carol password!", Set.of(Role.AGENT))).id();
        long sue = agents.create(new NewAgent("sue." + UUID.randomUUID() + "@example.com", "Sue",
                "Sue password!", Set.of(Role.SUPERVISOR))).id();
        return new Crew(inbox.id(), inbox.name(), member(inbox.id(), "Ada"), member(inbox.id(), "Bob"), carol, sue);
    }

    /** A fresh inbox with the given inactivity policy, and nobody in it; its name. */
    String inboxWithInactivity(InactivityPolicy policy) {
        return inboxes.create(new InboxSettings("Quiet " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofSeconds(30), policy, null, null, null)).settings().name();
    }

    /** A fresh inbox with the given reply time limit (or none), and nobody in it. */
    Inbox newInbox(Duration replyTimeLimit) {
        var name = "Crew " + UUID.randomUUID();
        var inbox = inboxes.create(new InboxSettings(name, null, null, null, null, replyTimeLimit, null));
        return new Inbox(inbox.id(), name);
    }

    /** A fresh inbox with two agents, Ada and Bob, as members. */
    Team team() {
        var inbox = inboxes.create(InboxSettings.defaults("Team " + UUID.randomUUID()));
        long ada = member(inbox.id(), "Ada");
        long bob = member(inbox.id(), "Bob");
        return new Team(inbox.settings().name(), ada, bob);
    }

    /** A fresh inbox in the given mode with two members, Ada and Bob, both offline so far. */
    Team desk(AssignmentMode mode, int reassignmentSeconds, int capacity) {
        var inbox = inboxes.create(new InboxSettings("Desk " + UUID.randomUUID(), mode,
                Duration.ofSeconds(reassignmentSeconds), null, null, null, null));
        var ada = agents.create(new NewAgent("ada." + UUID.randomUUID() + "@example.com", "Ada", "ada password!",
                Set.of(Role.AGENT))).id();
        var bob = agents.create(new NewAgent("bob." + UUID.randomUUID() + "@example.com", "Bob", "bob password!",
                Set.of(Role.AGENT))).id();
        inboxes.addMember(inbox.id(), ada, capacity);
        inboxes.addMember(inbox.id(), bob, capacity);
        return new Team(inbox.settings().name(), ada, bob);
    }

    /** A new agent (password: the name and " password!"), a member of the inbox. */
    long member(long inboxId, String name) {
        var agent = agents.create(new NewAgent(name + "." + UUID.randomUUID() + "@example.com", name,
                name + " password!", Set.of(Role.AGENT)));
        inboxes.addMember(inboxId, agent.id(), 5);
        return agent.id();
    }

    /** A supervisor, a member of the inbox unless it is null. */
    long supervisor(String name, Long inboxId) {
        long id = agents.create(new NewAgent(name.toLowerCase(Locale.ROOT) + "." + UUID.randomUUID() + "@example.com",
                name, name + " password!", Set.of(Role.SUPERVISOR))).id();
        if (inboxId != null) {
            inboxes.addMember(inboxId, id, 5);
        }
        return id;
    }

    /** A new agent with no role beyond AGENT, in no inbox. */
    AgentView plainAgent(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        return agents.create(new NewAgent(lower + "." + UUID.randomUUID() + "@example.com", name,
                lower + " password!", Set.of(Role.AGENT)));
    }

    void online(long... agentIds) {
        for (var id : agentIds) {
            agents.changePresence(id, Presence.ONLINE);
        }
    }

    /**
     * Routes the conversation in the caller's transaction, which holds the conversation's lock until it ends: a
     * router caught half-way, its offer made and not yet committed.
     */
    RoutingOutcome routeHoldingTheLock(long conversationId) {
        return router.routeLocked(lock(conversationId), true).outcome();
    }

    /** Locks the conversation's row until the caller's transaction ends, as every step on a conversation does. */
    Conversation lock(long conversationId) {
        return em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The bearer token of an agent made here (their password follows from their name). */
    String tokenOf(long agentId, String name) throws Exception {
        var email = rows("SELECT email FROM agent WHERE id = ?", agentId).get(0).get(0);
        return authentication.signIn(email, name + " password!", null).token();
    }

    /** A new anonymous visitor's first message in the crew's inbox: a new conversation. */
    long visitorWrites(Crew crew, String text) {
        return visitorMessages.post(crew.inbox(), AnonymousVisitors.create(visitors), text).conversationId();
    }

    /** A visitor's first message in the inbox: a new conversation. */
    long newChat(String inbox) {
        return visitorMessages.post(inbox, AnonymousVisitors.create(visitors), "Hello " + UUID.randomUUID())
                .conversationId();
    }

    static IncomingFile file(String name, byte[] content) {
        return new IncomingFile(name, new ByteArrayInputStream(content));
    }

    ConversationPage page(long agentId, ConversationQuery query) {
        return directory.list(agentId, query);
    }

    /** Everything the agent's list shows for the query, on one page. */
    Set<Long> listed(long agentId, ConversationQuery query) {
        var result = page(agentId, query.page(0, ConversationQuery.MAX_SIZE));
        assertEquals(result.total(), result.items().size(), "everything on one page");
        return result.items().stream().map(ConversationSummary::id).collect(Collectors.toSet());
    }
}
