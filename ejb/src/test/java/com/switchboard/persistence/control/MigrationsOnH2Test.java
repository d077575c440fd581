package com.switchboard.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations run on the embedded default too (H2 in MySQL mode, as the launcher configures it). */
class MigrationsOnH2Test {

    @TempDir
    Path dir;

    @Test
    void everyMigrationRunsOnH2InMySqlMode() throws Exception {
        var url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        var result = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        assertTrue(result.success);
        try (var connection = DriverManager.getConnection(url, "sa", "");
             var rows = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'attachment'")) {
            rows.next();
            assertEquals(10, rows.getInt(1), "the attachment table and its columns");
        }
    }
}
