package com.switchboard.it;

import com.switchboard.visitor.boundary.VisitorService;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.naming.NamingException;

/**
 * Anonymous visitors who have acted already, the fixture most tests start from: a token the installation issued
 * and the row a widget's first act makes for it. Production makes the row only inside a first act, so the tests
 * write it with plain JDBC.
 */
final class AnonymousVisitors {

    private AnonymousVisitors() {
    }

    static String create(VisitorService visitors) {
        var token = visitors.issueToken();
        var now = Timestamp.from(Instant.now());
        try (var connection = Database.dataSource().getConnection(); var insert = connection.prepareStatement(
                "INSERT INTO visitor (token, created_at, last_seen_at, identity_verified, version) "
                        + "VALUES (?, ?, ?, FALSE, 0)")) {
            insert.setString(1, token);
            insert.setTimestamp(2, now);
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        } catch (SQLException | NamingException e) {
            throw new AssertionError("could not create a visitor: " + e, e);
        }
        return token;
    }
}
