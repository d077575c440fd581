package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.TestData.INBOX;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.entity.Role;
import jakarta.ejb.EJB;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Flyway's migrations on MariaDB and what the first start creates: the first admin and the 'support' inbox. */
@ExtendWith(ArquillianExtension.class)
class InstallationIT {

    @EJB
    AgentAuthentication authentication;

    @Test
    public void flywayMigratedMariaDbAndFirstStartCreatedAdminAndInbox() throws Exception {
        try (var connection = dataSource().getConnection()) {
            var product = connection.getMetaData().getDatabaseProductVersion();
            assertTrue(product.contains("MariaDB"), "the application runs on MariaDB, not on " + product);
            assertTrue(connection.getCatalog().startsWith("switchboard_container"),
                    "the suite's own database (it.db.name), not " + connection.getCatalog());
        }

        var migrations = rows("SELECT version, type, success FROM flyway_schema_history "
                + "WHERE version IS NOT NULL ORDER BY installed_rank");
        assertTrue(migrations.contains(List.of("1", "SQL", "true")), "version 1 applied successfully: " + migrations);
        assertEquals(0L, count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = FALSE"),
                "no failed migration: " + migrations);

        var adminEmail = "admin@switchboard.local";
        var admins = rows("SELECT roles, active FROM agent WHERE email = ?", adminEmail);
        assertEquals(1, admins.size(), "the first admin exists: " + admins);
        var admin = admins.get(0);
        assertAll(
                () -> assertTrue(List.of(admin.get(0).split(",")).contains("ADMIN"), "roles " + admin.get(0)),
                () -> assertEquals("true", admin.get(1), "active"));
        assertEquals(1L, count("SELECT COUNT(*) FROM inbox i JOIN inbox_membership m ON m.inbox_id = i.id "
                + "JOIN agent a ON a.id = m.agent_id WHERE i.name = ? AND a.email = ?", INBOX, adminEmail),
                "inbox 'support' exists with the admin as a member");

        // The password came from SWITCHBOARD_ADMIN_PASSWORD, an environment variable of the Micro JVM.
        var signedIn = authentication.signIn(adminEmail, System.getenv("SWITCHBOARD_ADMIN_PASSWORD"), null);
        assertTrue(signedIn.roles().contains(Role.ADMIN), "the first admin can sign in as admin: " + signedIn);
    }
}
