package com.switchboard.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher starts, read from the environment (see the configuration table in README.md). With no
 * database URL the launcher provides an H2 file database in the data folder; with no broker host, an embedded
 * Artemis broker on 127.0.0.1; without clustering, no data grid.
 */
public record LauncherSettings(int httpPort, Path dataDir, Optional<String> databaseUrl, int databaseTimeoutSeconds,
                               Optional<String> brokerHost, int brokerPort, Optional<String> brokerUser,
                               Optional<String> brokerPassword, DataGrid dataGrid) {

    /**
     * H2 through its driver, not its data source: the server's pool takes a class that is an XADataSource (as H2's
     * JdbcDataSource is) for XA and then, once it has dropped a connection that failed, cleans it up again through a
     * pooled connection it no longer has (RAR7093, "this.pc is null", a stack trace per connection as H2 closes on a
     * full disk). A driver's connections take part in a transaction as MySQL's data source's do (local transactions:
     * a request's transaction commits the database alone).
     */
    static final String H2_DATASOURCE = "org.h2.Driver";
    static final String MYSQL_DATASOURCE = "com.mysql.cj.jdbc.MysqlDataSource";
    /**
     * Every commit written to the database file before it returns, so that what the application acknowledged
     * survives the process being killed. H2's default (500 ms) keeps commits in memory for a background writer:
     * a kill -9 lost acknowledged messages. H2 writes without fsync, so a power loss may still take the last
     * commits (docs/OPERATIONS.md, "What a crash keeps").
     */
    static final String H2_DURABLE_COMMITS = ";WRITE_DELAY=0";
    /**
     * How long a statement waits for a row another transaction holds: H2's default of one second made the outbox
     * relay fail (and log) whenever the outbox's sweep held the same rows while it sent them after a restart;
     * MySQL waits 50 s.
     */
    static final String H2_LOCK_WAIT = ";LOCK_TIMEOUT=10000";
    /**
     * No trace file of H2's own next to the database: its errors reach the application, which logs them (bounded). On
     * a full disk H2 traced every failed attempt there, and once room was made the trace took it again (83 MB in a
     * minute).
     */
    static final String H2_NO_TRACE_FILE = ";TRACE_LEVEL_FILE=0";
    /**
     * The database stays open until the node's pools close it as the server stops. H2's own shutdown hook closed it
     * at the first moment of a stop, under the requests and socket closes the server was still finishing: they
     * failed (a send refused as our own failure, the pool logging SEVERE) on an orderly stop.
     */
    static final String H2_OPEN_UNTIL_THE_POOLS_CLOSE = ";DB_CLOSE_ON_EXIT=FALSE";
    /**
     * The longest the node waits for the database at a time (SWITCHBOARD_DB_TIMEOUT_SECONDS): the application's
     * pool bounds its statements and its wait for a connection by it, and MySQL's driver its connects and reads.
     */
    static final int DEFAULT_DB_TIMEOUT_SECONDS = 30;
    private static final int MAX_DB_TIMEOUT_SECONDS = 3600;
    private static final List<Map.Entry<String, String>> CONNECTOR_SETTINGS = List.of(
            Map.entry("cachePrepStmts", "true"), Map.entry("prepStmtCacheSize", "250"),
            Map.entry("prepStmtCacheSqlLimit", "2048"), Map.entry("useLocalSessionState", "true"),
            Map.entry("rewriteBatchedStatements", "true"));
    static final String NETTY = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

    public static LauncherSettings from(Map<String, String> env) {
        return new LauncherSettings(
                intValue(env, "SWITCHBOARD_HTTP_PORT", 8080),
                Path.of(value(env, "SWITCHBOARD_DATA_DIR").orElse("data")).toAbsolutePath().normalize(),
                value(env, "SWITCHBOARD_DB_URL"),
                seconds(env, "SWITCHBOARD_DB_TIMEOUT_SECONDS", DEFAULT_DB_TIMEOUT_SECONDS, MAX_DB_TIMEOUT_SECONDS),
                value(env, "SWITCHBOARD_BROKER_HOST"),
                intValue(env, "SWITCHBOARD_BROKER_PORT", 61616),
                value(env, "SWITCHBOARD_BROKER_USER"),
                value(env, "SWITCHBOARD_BROKER_PASSWORD"),
                DataGrid.from(env));
    }

    public boolean embeddedBroker() {
        return brokerHost.isEmpty();
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /**
     * System properties the application reads through MicroProfile Config. The user's own environment
     * variables still win over anything not set here.
     */
    public Map<String, String> applicationProperties(Map<String, String> env) {
        var properties = new LinkedHashMap<String, String>();
        // The application asks itself over it whether it serves yet (its readiness).
        properties.put("switchboard.http.port", Integer.toString(httpPort));
        if (embeddedDatabase()) {
            properties.put("switchboard.db.url", "jdbc:h2:file:" + dataDir.resolve("db").resolve("switchboard")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" + H2_DURABLE_COMMITS
                    + H2_LOCK_WAIT + H2_NO_TRACE_FILE + H2_OPEN_UNTIL_THE_POOLS_CLOSE);
            properties.put("switchboard.db.datasource", H2_DATASOURCE);
        } else {
            if (value(env, "SWITCHBOARD_DB_DATASOURCE").isEmpty()) {
                properties.put("switchboard.db.datasource", dataSourceFor(databaseUrl.get()));
            }
            if (databaseUrl.get().startsWith("jdbc:mysql:")) {
                properties.put("switchboard.db.url", withConnectorSettings(databaseUrl.get(),
                        databaseTimeoutSeconds));
            } else if (databaseUrl.get().startsWith("jdbc:h2:")) {
                properties.put("switchboard.db.url", withDurableCommits(databaseUrl.get()));
            }
        }
        // The application's pool reads it too (SchemaMigration): the same bound as the driver's, validated here.
        properties.put("switchboard.db.timeout-seconds", Integer.toString(databaseTimeoutSeconds));
        if (value(env, "SWITCHBOARD_ATTACHMENTS_DIR").isEmpty()) {
            properties.put("switchboard.attachments.dir", dataDir.resolve("attachments").toString());
        }
        if (embeddedBroker()) {
            properties.put("switchboard.broker.dir", dataDir.resolve("broker").toString());
            properties.put("switchboard.broker.host", "127.0.0.1");
            properties.put("switchboard.broker.port", Integer.toString(brokerPort));
        }
        return properties;
    }

    /**
     * The resource adapter's configuration as the {@code --property} argument of asadmin's
     * {@code create-resource-adapter-config}: where the broker is, and who we are to it. Every MDB and the
     * application's connection factory inherit it.
     */
    public String resourceAdapterProperties() {
        var brokers = brokers();
        var properties = new StringBuilder()
                .append("ConnectorClassName=").append(escape(String.join(",", Collections.nCopies(brokers.size(), NETTY))))
                .append(":ConnectionParameters=")
                .append(escape(String.join(",", brokers.stream().map(Broker::connectionParameters).toList())));
        brokerUser.ifPresent(user -> properties.append(":UserName=").append(escape(user)));
        brokerPassword.ifPresent(password -> properties.append(":Password=").append(escape(password)));
        return properties.toString();
    }

    /** One Artemis broker to connect to. */
    record Broker(String host, int port) {

        /** As the resource adapter's {@code ConnectionParameters} take it. */
        String connectionParameters() {
            return "host=" + host + ";port=" + port;
        }

        String url() {
            return "tcp://" + host + ":" + port;
        }
    }

    /**
     * {@code SWITCHBOARD_BROKER_HOST} may list several {@code host[:port]} separated by commas (a primary and its
     * backups); a host without a port uses {@code SWITCHBOARD_BROKER_PORT}.
     */
    List<Broker> brokers() {
        var hosts = brokerHost.orElse("127.0.0.1");
        var brokers = new ArrayList<Broker>();
        for (var entry : hosts.split(",")) {
            var hostAndPort = entry.strip();
            if (hostAndPort.isEmpty()) {
                continue;
            }
            int colon = hostAndPort.lastIndexOf(':');
            var host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            var port = colon < 0 ? brokerPort : port("SWITCHBOARD_BROKER_HOST", hostAndPort.substring(colon + 1));
            brokers.add(new Broker(host, port));
        }
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("SWITCHBOARD_BROKER_HOST names no broker: '" + hosts + "'");
        }
        return brokers;
    }

    /** asadmin separates properties with ':' and name from value with '='; a backslash escapes both. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:");
    }

    /** An H2 URL of the operator's own commits durably too, unless it says how itself. */
    static String withDurableCommits(String h2Url) {
        return h2Url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? h2Url : h2Url + H2_DURABLE_COMMITS;
    }

    /**
     * The MySQL URL with Connector/J settings added, each unless the URL sets it:
     * <ul>
     *     <li>the statement cache (docs/PERFORMANCE.md): each connection keeps the parsed form of its statements
     *     instead of parsing every statement again, which was a good part of a message's CPU. Done in the driver
     *     because the pool's own statement cache broke H2;</li>
     *     <li>{@code useLocalSessionState}: the driver answers the pool's question for the isolation level from
     *     what it knows instead of asking the server, which it did at the start of every transaction. The
     *     application changes session state only through JDBC, never with SQL of its own;</li>
     *     <li>{@code rewriteBatchedStatements}: a JDBC batch of INSERTs (EclipseLink's batch writing: a batch of
     *     follow-ups' messages, their outbound events) goes to the server as one multi-row INSERT, a batch of
     *     other statements as one round trip, instead of a statement each;</li>
     *     <li>the bound on every wait for the server ({@code timeoutSeconds}): connecting, and each read
     *     ({@code socketTimeout}), which is all that ends a commit or a rollback to a server that stalls. A
     *     statement that outlives the pool's statement timeout (the same seconds) closes its connection rather
     *     than asking the server, over a new connection, to kill it: a stalled server would not answer that
     *     either.</li>
     * </ul>
     */
    static String withConnectorSettings(String jdbcUrl, int timeoutSeconds) {
        var settings = new ArrayList<>(CONNECTOR_SETTINGS);
        var millis = Integer.toString(timeoutSeconds * 1000);
        settings.add(Map.entry("connectTimeout", millis));
        settings.add(Map.entry("socketTimeout", millis));
        settings.add(Map.entry("queryTimeoutKillsConnection", "true"));
        var url = new StringBuilder(jdbcUrl);
        var separator = jdbcUrl.contains("?") ? '&' : '?';
        for (var setting : settings) {
            if (!jdbcUrl.contains(setting.getKey() + "=")) {
                url.append(separator).append(setting.getKey()).append('=').append(setting.getValue());
                separator = '&';
            }
        }
        return url.toString();
    }

    static String dataSourceFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:mysql:")) { // MySQL Connector/J, which serves MariaDB as well
            return MYSQL_DATASOURCE;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2_DATASOURCE;
        }
        throw new IllegalArgumentException("Unsupported database URL " + jdbcUrl
                + ": use jdbc:mysql://… (for MySQL and MariaDB) or set SWITCHBOARD_DB_DATASOURCE");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int intValue(Map<String, String> env, String name, int defaultValue) {
        return value(env, name).map(text -> port(name, text)).orElse(defaultValue);
    }

    private static int seconds(Map<String, String> env, String name, int defaultValue, int max) {
        var text = value(env, name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int seconds = Integer.parseInt(text.get());
            if (seconds < 1 || seconds > max) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds (1-" + max + "), not '"
                    + text.get() + "'");
        }
    }

    private static int port(String name, String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must name a port number (1-65535), not '" + text + "'");
        }
    }
}
