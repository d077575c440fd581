package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.longs;
import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentAdministration;
import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.NewAgent;
import com.switchboard.agent.entity.Presence;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.MembershipAdministration;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Agent accounts: creation, roles, sign-in, lock-out and the end of tokens, and what supervisors may manage. */
@ExtendWith(ArquillianExtension.class)
class AgentAdministrationIT {

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    AgentAuthentication authentication;

    @EJB
    AgentAdministration administration;

    @EJB
    MembershipAdministration memberships;

    @Inject
    TestData data;

    @Test
    void supervisorsManageAgentsButNeverAdmins() throws Exception {
        var crew = data.crew(null);
        var admin = new NewAgent("root." + UUID.randomUUID() + "@example.com", "Root", "Root password!",
                Set.of(Role.ADMIN));
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.create(crew.sue(), admin)).code());
        // The first admin stands for any admin account: a supervisor may not touch it.
        long firstAdmin = firstAdmin();
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.resetPassword(crew.sue(), firstAdmin, "a new long secret")).code());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.deactivate(crew.sue(), firstAdmin)).code());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.changeRoles(crew.sue(), crew.carol(), Set.of(Role.ADMIN))).code());
        // Nor an admin's place in an inbox.
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> memberships.addMember(crew.sue(), crew.inboxId(), firstAdmin, 2)).code());
        memberships.addMember(firstAdmin, crew.inboxId(), firstAdmin, 2);
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> memberships.changeCapacity(crew.sue(), crew.inboxId(), firstAdmin, 9)).code());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> memberships.removeMember(crew.sue(), crew.inboxId(), firstAdmin)).code());
        assertEquals(4, memberships.changeCapacity(crew.sue(), crew.inboxId(), crew.ada(), 4).capacity());
        memberships.removeMember(firstAdmin, crew.inboxId(), firstAdmin);

        var joined = memberships.createMember(crew.sue(), new NewAgent("dan." + UUID.randomUUID() + "@example.com",
                "Dan", "Dan password!", Set.of(Role.AGENT)), crew.inboxId(), 3);
        assertEquals(3, inboxes.membershipsOf(joined.id()).get(0).capacity());
        administration.deactivate(crew.sue(), joined.id());
        assertEquals("agent.manage-forbidden", assertThrows(RequestRejectedException.class,
                () -> administration.create(crew.carol(), new NewAgent("eve." + UUID.randomUUID() + "@example.com",
                        "Eve", "Eve password!", Set.of(Role.AGENT)))).code(), "agents manage nobody");
    }

    @Test
    public void aPasswordResetASignOutAndADeactivationEndEveryTokenOfTheAgent() throws Exception {
        var email = "revoked." + UUID.randomUUID() + "@example.com";
        var agent = agents.create(new NewAgent(email, "Revoked", "the first password", Set.of(Role.AGENT)));
        var first = authentication.signIn(email, "the first password", null).token();
        var second = authentication.signIn(email, "the first password", null).token();
        assertEquals(agent.id(), authentication.verify(first).orElseThrow().getId());

        agents.resetPassword(agent.id(), "the second password");
        assertTrue(authentication.verify(first).isEmpty(), "a new password ends the old tokens");
        assertTrue(authentication.verify(second).isEmpty());
        var third = authentication.signIn(email, "the second password", null).token();
        assertEquals(agent.id(), authentication.verify(third).orElseThrow().getId(), "signed in again at once");

        authentication.signOut(agent.id());
        assertTrue(authentication.verify(third).isEmpty(), "signing out ends them too");
        var fourth = authentication.signIn(email, "the second password", null).token();
        assertTrue(authentication.verify(fourth).isPresent());

        agents.deactivate(agent.id());
        assertTrue(authentication.verify(fourth).isEmpty());
    }

    @Test
    public void repeatedFailedSignInsLockTheAccountAndTheAddressWhateverThePassword() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var email = "locked." + run + "@example.com";
        agents.create(new NewAgent(email, "Locked", "the right password", Set.of(Role.AGENT)));
        for (int i = 0; i < 5; i++) {
            assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                    () -> authentication.signIn(email, "a wrong guess", "198.51.100.1")).code());
        }
        var locked = assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(email, "the right password", "198.51.100.2"));
        assertEquals("agent.sign-in-locked", locked.code(), "the account is locked from any address");
        assertEquals(RequestRejectedException.Kind.TOO_MANY, locked.kind());
        assertTrue(locked.retryAfter().toSeconds() >= 1 && locked.retryAfter().toSeconds() <= 30,
                locked.retryAfter().toString());
        assertEquals("agent.sign-in-locked", assertThrows(RequestRejectedException.class,
                () -> authentication.check(email.toUpperCase(java.util.Locale.ROOT), "the right password", null))
                .code(), "the console's form is locked alike");

        // Unknown e-mails are counted alike, so guessing them gains nothing either.
        var nobody = "nobody." + run + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                    () -> authentication.signIn(nobody, "a guess", null)).code());
        }
        assertEquals("agent.sign-in-locked", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(nobody, "a guess", null)).code());

        // One address that tries many accounts is locked for all of them, others are not.
        var other = "other." + run + "@example.com";
        agents.create(new NewAgent(other, "Other", "another right password", Set.of(Role.AGENT)));
        for (int i = 0; i < 20; i++) {
            var guessed = "guess" + i + "." + run + "@example.com";
            assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                    () -> authentication.signIn(guessed, "a guess", "198.51.100.3")).code());
        }
        assertEquals("agent.sign-in-locked", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(other, "another right password", "198.51.100.3")).code());
        assertEquals(other, rows("SELECT email FROM agent WHERE id = ?",
                authentication.signIn(other, "another right password", "198.51.100.4").id()).get(0).get(0));
    }

    @Test
    public void agentsAreCreatedWithHashedPasswordsAndDeactivatedInsteadOfDeleted() throws Exception {
        var email = "Agent." + UUID.randomUUID() + "@Example.com";
        var agent = agents.create(new NewAgent(email, "Grace", "a good password", Set.of(Role.AGENT)));

        assertEquals(email.toLowerCase(java.util.Locale.ROOT), agent.email());
        assertEquals(Presence.OFFLINE, agent.presence());
        var hash = rows("SELECT password_hash FROM agent WHERE id = ?", agent.id()).get(0).get(0);
        assertFalse(hash.contains("a good password"), "only a hash is stored");
        assertEquals(agent.id(), authentication.signIn(email, "a good password", null).id());
        assertEquals("agent.email.taken", assertThrows(RequestRejectedException.class,
                () -> agents.create(new NewAgent(email.toUpperCase(java.util.Locale.ROOT), "Twin", "another password",
                        Set.of(Role.AGENT)))).code());

        agents.resetPassword(agent.id(), "a new password");
        assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(email, "a good password", null)).code());
        assertEquals(agent.id(), authentication.signIn(email, "a new password", null).id());

        agents.deactivate(agent.id());
        assertEquals(1L, count("SELECT COUNT(*) FROM agent WHERE id = ?", agent.id()), "kept for the history");
        assertEquals("agent.credentials", assertThrows(RequestRejectedException.class,
                () -> authentication.signIn(email, "a new password", null)).code());
    }

    @Test
    public void theLastActiveAdminCanNeitherLeaveNorLoseTheRole() throws Exception {
        var admin = agents.create(new NewAgent("admin." + UUID.randomUUID() + "@example.com", "Second admin",
                "admin password", Set.of(Role.ADMIN)));

        // With another admin there, this one may step down.
        assertEquals(Set.of(Role.SUPERVISOR), agents.changeRoles(admin.id(), Set.of(Role.SUPERVISOR)).roles());
        // Admins that other tests made step down too, whichever ran before: the first admin is then the only one.
        var firstAdminId = longs("SELECT id FROM agent WHERE email = ?", "admin@switchboard.local").get(0);
        for (long other : longs("SELECT id FROM agent WHERE active = TRUE AND roles LIKE '%ADMIN%' AND id <> ?",
                firstAdminId)) {
            agents.changeRoles(other, Set.of(Role.SUPERVISOR));
        }
        assertEquals(1L, count("SELECT COUNT(*) FROM agent WHERE active = TRUE AND roles LIKE '%ADMIN%'"));
        assertEquals("agent.last-admin", assertThrows(RequestRejectedException.class,
                () -> agents.deactivate(firstAdminId)).code());
        assertEquals("agent.last-admin", assertThrows(RequestRejectedException.class,
                () -> agents.changeRoles(firstAdminId, Set.of(Role.AGENT))).code());
        assertTrue(agents.find(firstAdminId).active());
        assertTrue(agents.find(firstAdminId).roles().contains(Role.ADMIN));
    }
}
