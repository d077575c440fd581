package com.switchboard.persistence.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before anything else touches the database. The schema belongs to the
 * migrations in {@code db/migration}; JPA never generates it.
 */
@DataSourceDefinitions({
        @DataSourceDefinition(
                name = "java:app/jdbc/switchboard",
                className = "${MPCONFIG=switchboard.db.datasource}",
                url = "${MPCONFIG=switchboard.db.url}",
                user = "${MPCONFIG=switchboard.db.user}",
                password = "${MPCONFIG=switchboard.db.password}",
                // Read committed, as PostgreSQL and Oracle default to: a count made after taking a row lock must see what
                // the previous holder of that lock committed (MySQL's repeatable read would show an older snapshot).
                isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
                minPoolSize = 2,
                maxPoolSize = 32,
                // No statement cache ("fish.payara.statement-cache-size"): it would spare the MySQL driver parsing each
                // statement again, but with H2 its cached statements failed with "The object is already closed".
                // A pooled connection is checked before use (Connection.isValid: a ping for MySQL, whose metadata check
                // never reached the server), at most every 2 s, so that after a database restart no request gets a
                // connection to the server that died; one that fails the check takes every pooled connection with it.
                properties = {"fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=custom-validation",
                        "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                        "fish.payara.validate-atmost-once-period-in-seconds=2",
                        "fish.payara.fail-all-connections=true",
                        // The isolation level is set once per connection, not asked of the database at every checkout.
                        "fish.payara.is-isolation-level-guaranteed=false",
                        // A database that stalls must not hold request threads for ever: every statement, and the wait for
                        // a free connection, end after switchboard.db.timeout-seconds (the request then fails and says so).
                        // MySQL's driver bounds connects, commits and rollbacks by the same seconds (LauncherSettings).
                        "fish.payara.statement-timeout-in-seconds=${MPCONFIG=switchboard.db.timeout-seconds:30}",
                        // Milliseconds: the same seconds with three zeros.
                        "fish.payara.max-wait-time-in-millis=${MPCONFIG=switchboard.db.timeout-seconds:30}000"}),
        // The side pool: connections outside the transactions, for the few statements that run while a
        // transaction waits for them (IdBlocks, BlockRules). Whoever waits for them holds a connection of the pool
        // above, so were they taken from it, a burst that held them all would wait for ever. The same database,
        // settings and bounds.
        @DataSourceDefinition(
                name = SchemaMigration.SIDE_DATA_SOURCE,
                className = "${MPCONFIG=switchboard.db.datasource}",
                url = "${MPCONFIG=switchboard.db.url}",
                user = "${MPCONFIG=switchboard.db.user}",
                password = "${MPCONFIG=switchboard.db.password}",
                isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
                transactional = false,
                minPoolSize = 0,
                maxPoolSize = 4,
                properties = {"fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=custom-validation",
                        "fish.payara.validation-classname="
                                + "org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                        "fish.payara.fail-all-connections=true",
                        "fish.payara.statement-timeout-in-seconds=${MPCONFIG=switchboard.db.timeout-seconds:30}",
                        "fish.payara.max-wait-time-in-millis=${MPCONFIG=switchboard.db.timeout-seconds:30}000"})
})
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    public static final String SIDE_DATA_SOURCE = "java:app/jdbc/switchboard-side";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/switchboard")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(new UnboundedConnections(dataSource))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
