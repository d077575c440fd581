package com.switchboard.visitor.control;

import com.switchboard.persistence.control.SchemaMigration;
import com.switchboard.visitor.entity.Network;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the blocks in force for {@link BlocksInForce}, outside the caller's transaction, over the side pool
 * ({@link SchemaMigration#SIDE_DATA_SOURCE}). Outside it, because inside the read could see the database as it was
 * at the caller's first read, before a block that committed since, and would see the caller's own blocks before
 * they commit. Over the side pool, because the callers (every frame and message of a visitor) hold a connection of
 * the application's pool while they wait for it: when a burst held them all, the rules' read would wait for ever.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlockRules {

    private static final String IN_FORCE = "SELECT visitor_id, network_cidr, expires_at FROM visitor_block"
            + " WHERE lifted_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";

    @Resource(lookup = SchemaMigration.SIDE_DATA_SOURCE)
    DataSource dataSource;

    public List<BlocksInForce.Rule> inForce() {
        try (var connection = dataSource.getConnection(); var select = connection.prepareStatement(IN_FORCE)) {
            select.setTimestamp(1, Timestamp.from(Instant.now()));
            var rules = new ArrayList<BlocksInForce.Rule>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    var network = rows.getString(2);
                    var expiresAt = rows.getTimestamp(3);
                    rules.add(new BlocksInForce.Rule(rows.getObject(1, Long.class),
                            network == null ? null : new Network(network),
                            expiresAt == null ? null : expiresAt.toInstant()));
                }
            }
            return rules;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the blocks in force failed", e);
        }
    }
}
