package com.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    @Test
    void withoutSettingsEverythingIsEmbedded() {
        var settings = LauncherSettings.from(Map.of());

        assertEquals(8080, settings.httpPort());
        assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
        assertTrue(settings.embeddedBroker());
        assertTrue(settings.embeddedDatabase());
        var properties = settings.applicationProperties(Map.of());
        assertTrue(properties.get("switchboard.db.url").startsWith("jdbc:h2:file:" + settings.dataDir()));
        assertTrue(properties.get("switchboard.db.url").contains(";MODE=MySQL"));
        assertTrue(properties.get("switchboard.db.url").contains(";WRITE_DELAY=0"), "commits reach the file at once");
        assertTrue(properties.get("switchboard.db.url").contains(";LOCK_TIMEOUT=10000"), "locks are waited for");
        assertTrue(properties.get("switchboard.db.url").contains(";TRACE_LEVEL_FILE=0"), "no trace file on its disk");
        assertEquals(LauncherSettings.H2_DATASOURCE, properties.get("switchboard.db.datasource"));
        assertEquals("61616", properties.get("switchboard.broker.port"));
        assertEquals(settings.dataDir().resolve("attachments").toString(), properties.get("switchboard.attachments.dir"));
        assertEquals("ConnectorClassName=" + LauncherSettings.NETTY + ":ConnectionParameters=host\\=127.0.0.1;port\\=61616",
                settings.resourceAdapterProperties());
    }

    @Test
    void anExternalDatabaseAndBrokerReplaceTheEmbeddedOnes() {
        var env = Map.of("SWITCHBOARD_DB_URL", "jdbc:mysql://db:3306/switchboard",
                "SWITCHBOARD_BROKER_HOST", "broker.internal", "SWITCHBOARD_BROKER_PORT", "61617",
                "SWITCHBOARD_BROKER_USER", "switchboard", "SWITCHBOARD_BROKER_PASSWORD", "p:a=ss");
        var settings = LauncherSettings.from(env);

        assertFalse(settings.embeddedBroker());
        assertFalse(settings.embeddedDatabase());
        var properties = settings.applicationProperties(env);
        assertTrue(properties.get("switchboard.db.url").startsWith("jdbc:mysql://db:3306/switchboard?"),
                "the environment's URL, with the driver's statement cache");
        assertEquals(LauncherSettings.MYSQL_DATASOURCE, properties.get("switchboard.db.datasource"));
        assertFalse(properties.containsKey("switchboard.broker.dir"));
        assertEquals("ConnectorClassName=" + LauncherSettings.NETTY
                + ":ConnectionParameters=host\\=broker.internal;port\\=61617:UserName=switchboard"
                + ":Password=p\\:a\\=ss", settings.resourceAdapterProperties());
    }

    @Test
    void severalBrokersGetOneConnectorEach() {
        var settings = LauncherSettings.from(Map.of("SWITCHBOARD_BROKER_HOST", "primary:61617, backup",
                "SWITCHBOARD_BROKER_PORT", "61618"));

        assertEquals(java.util.List.of("host=primary;port=61617", "host=backup;port=61618"),
                settings.brokers().stream().map(LauncherSettings.Broker::connectionParameters).toList());
        assertEquals("ConnectorClassName=" + LauncherSettings.NETTY + "," + LauncherSettings.NETTY
                + ":ConnectionParameters=host\\=primary;port\\=61617,host\\=backup;port\\=61618",
                settings.resourceAdapterProperties());
        assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("SWITCHBOARD_BROKER_HOST", "a:x")).brokers());
        assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("SWITCHBOARD_BROKER_HOST", " , ")).brokers());
    }

    @Test
    void anAttachmentDirectoryOfTheOperatorsIsLeftAlone() {
        var env = Map.of("SWITCHBOARD_ATTACHMENTS_DIR", "/srv/shared/attachments");

        assertFalse(LauncherSettings.from(env).applicationProperties(env).containsKey("switchboard.attachments.dir"),
                "the environment's directory must win");
    }

    @Test
    void theDriversSettingsAreAddedToMySqlUrlsUnlessTheyChooseThemselves() {
        assertEquals("jdbc:mysql://db/x?cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048"
                        + "&useLocalSessionState=true&rewriteBatchedStatements=true&connectTimeout=30000"
                        + "&socketTimeout=30000"
                        + "&queryTimeoutKillsConnection=true",
                LauncherSettings.withConnectorSettings("jdbc:mysql://db/x", 30));
        assertEquals("jdbc:mysql://db/x?useSSL=false&cachePrepStmts=false&useLocalSessionState=false"
                        + "&socketTimeout=0&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048"
                        + "&rewriteBatchedStatements=true&connectTimeout=5000"
                        + "&queryTimeoutKillsConnection=true",
                LauncherSettings.withConnectorSettings("jdbc:mysql://db/x?useSSL=false&cachePrepStmts=false"
                        + "&useLocalSessionState=false&socketTimeout=0", 5));
    }

    @Test
    void anOperatorsOwnH2UrlCommitsDurablyUnlessItSaysHowItself() {
        var own = LauncherSettings.from(Map.of("SWITCHBOARD_DB_URL", "jdbc:h2:file:/srv/chat/db;MODE=MySQL"))
                .applicationProperties(Map.of());
        assertEquals("jdbc:h2:file:/srv/chat/db;MODE=MySQL;WRITE_DELAY=0", own.get("switchboard.db.url"));
        assertEquals("jdbc:h2:file:/srv/chat/db;write_delay=100",
                LauncherSettings.withDurableCommits("jdbc:h2:file:/srv/chat/db;write_delay=100"));
    }

    @Test
    void everyWaitForTheDatabaseIsBoundedByOneSetting() {
        var defaults = LauncherSettings.from(Map.of());
        assertEquals(30, defaults.databaseTimeoutSeconds());
        assertEquals("30", defaults.applicationProperties(Map.of()).get("switchboard.db.timeout-seconds"),
                "the embedded database's pool is bounded too");

        var env = Map.of("SWITCHBOARD_DB_URL", "jdbc:mysql://db/x", "SWITCHBOARD_DB_TIMEOUT_SECONDS", " 7 ");
        var properties = LauncherSettings.from(env).applicationProperties(env);
        assertEquals("7", properties.get("switchboard.db.timeout-seconds"));
        assertTrue(properties.get("switchboard.db.url").contains("&socketTimeout=7000"), properties::toString);

        var e = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("SWITCHBOARD_DB_TIMEOUT_SECONDS", "PT30S")));
        assertEquals("SWITCHBOARD_DB_TIMEOUT_SECONDS must be a number of seconds (1-3600), not 'PT30S'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("SWITCHBOARD_DB_TIMEOUT_SECONDS", "0")));
    }

    @Test
    void anExplicitDataSourceClassIsLeftAlone() {
        var env = Map.of("SWITCHBOARD_DB_URL", "jdbc:mysql://db/x", "SWITCHBOARD_DB_DATASOURCE", "custom.DataSource");

        assertFalse(LauncherSettings.from(env).applicationProperties(env).containsKey("switchboard.db.datasource"));
    }

    @Test
    void blankValuesCountAsUnset() {
        var settings = LauncherSettings.from(Map.of("SWITCHBOARD_DB_URL", " ", "SWITCHBOARD_HTTP_PORT", ""));

        assertTrue(settings.embeddedDatabase());
        assertEquals(8080, settings.httpPort());
    }

    @Test
    void badValuesAreExplained() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("SWITCHBOARD_HTTP_PORT", "eighty")));
        assertEquals("SWITCHBOARD_HTTP_PORT must name a port number (1-65535), not 'eighty'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LauncherSettings.from(Map.of("SWITCHBOARD_BROKER_PORT", "70000")));
        assertThrows(IllegalArgumentException.class, () -> LauncherSettings.dataSourceFor("jdbc:postgresql://x/y"));
    }

    @Test
    void theDataSourceClassFollowsTheUrl() {
        assertEquals(LauncherSettings.H2_DATASOURCE, LauncherSettings.dataSourceFor("jdbc:h2:mem:x"));
        // MariaDB is reached through MySQL Connector/J, which only takes jdbc:mysql: URLs.
        assertThrows(IllegalArgumentException.class, () -> LauncherSettings.dataSourceFor("jdbc:mariadb://x/y"));
    }
}
