package com.switchboard.system.bench;

import com.switchboard.system.support.MariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of issue 23: what the database must do for a message at least, measured on the same server in the
 * same run as the product. A plain JDBC program on {@value #THREADS} threads: per message, the conversation's row
 * is updated, its sequence number read back and the message row inserted, in one transaction per message (the
 * floor) or {@value #PER_BATCH} messages per transaction (what a group commit can reach).
 */
final class DatabaseFloor {

    static final int THREADS = 8;
    static final int PER_BATCH = 20;
    private static final int CONVERSATIONS = 2000;
    private static final String DATABASE = "bench_floor";

    record Rates(double perMessageTransaction, double batched) {
    }

    private DatabaseFloor() {
    }

    static Rates measure(Duration each) throws Exception {
        MariaDb.recreate(DATABASE);
        try (var connection = MariaDb.connect(DATABASE); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE conversation (id BIGINT PRIMARY KEY, last_seq BIGINT NOT NULL, "
                    + "last_message_at TIMESTAMP(6) NULL) ENGINE=InnoDB");
            statement.execute("CREATE TABLE message (id BIGINT AUTO_INCREMENT PRIMARY KEY, conversation_id BIGINT "
                    + "NOT NULL, seq BIGINT NOT NULL, body VARCHAR(2000) NOT NULL, created_at TIMESTAMP(6) NOT NULL, "
                    + "UNIQUE KEY uk_message_seq (conversation_id, seq)) ENGINE=InnoDB");
            statement.execute("INSERT INTO conversation (id, last_seq) SELECT seq, 0 FROM seq_1_to_" + CONVERSATIONS);
        }
        return new Rates(rate(each, 1), rate(each, PER_BATCH));
    }

    /** Messages a second over {@code each}, {@code perTransaction} to a transaction. */
    private static double rate(Duration each, int perTransaction) throws Exception {
        var stored = new AtomicLong();
        long until = System.nanoTime() + each.toNanos();
        var failures = new ArrayList<Exception>();
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < THREADS; t++) {
            var thread = new Thread(() -> {
                try (var connection = MariaDb.connect(DATABASE)) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < until) {
                        // In the order of their ids, as a group commit locks them: no deadlocks between threads.
                        var conversations = ThreadLocalRandom.current().longs(perTransaction, 1, CONVERSATIONS + 1)
                                .sorted().toArray();
                        for (long conversationId : conversations) {
                            store(connection, conversationId);
                        }
                        connection.commit();
                        stored.addAndGet(perTransaction);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        for (var thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return stored.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void store(Connection connection, long conversationId) throws SQLException {
        try (var update = connection.prepareStatement(
                "UPDATE conversation SET last_seq = last_seq + 1, last_message_at = NOW(6) WHERE id = ?");
             var read = connection.prepareStatement("SELECT last_seq FROM conversation WHERE id = ?");
             var insert = connection.prepareStatement("INSERT INTO message (conversation_id, seq, body, created_at) "
                     + "VALUES (?, ?, ?, NOW(6))")) {
            update.setLong(1, conversationId);
            update.executeUpdate();
            read.setLong(1, conversationId);
            long seq;
            try (var rows = read.executeQuery()) {
                rows.next();
                seq = rows.getLong(1);
            }
            insert.setLong(1, conversationId);
            insert.setLong(2, seq);
            insert.setString(3, "floor message " + seq);
            insert.executeUpdate();
        }
    }
}
