package com.switchboard.persistence.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Ids the application hands out itself, in blocks (table {@code id_block}, a row per kind of id). Each block is
 * reserved in a short transaction of its own, so the transactions that use the ids never hold, or wait for, the
 * row's lock, on any node.
 * <p>
 * Reserved over the side pool ({@link SchemaMigration#SIDE_DATA_SOURCE}), outside the transactions: whoever needs an
 * id is inside a transaction that holds a connection of the application's pool, and when a burst holds them all, a
 * reservation that waited for one of them would wait for ever (and every message with it).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdBlocks {

    @Resource(lookup = SchemaMigration.SIDE_DATA_SOURCE)
    DataSource dataSource;

    /** @return the first of {@code size} consecutive ids of this kind that nobody else gets */
    public long reserve(String kind, int size) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var reserve = connection.prepareStatement("UPDATE id_block SET next_id = next_id + ? WHERE name = ?");
                 var read = connection.prepareStatement("SELECT next_id FROM id_block WHERE name = ?")) {
                reserve.setInt(1, size);
                reserve.setString(2, kind);
                if (reserve.executeUpdate() != 1) {
                    throw new IllegalStateException("No ids of kind " + kind + " in id_block");
                }
                read.setString(1, kind);
                try (var end = read.executeQuery()) {
                    end.next();
                    long first = end.getLong(1) - size;
                    connection.commit();
                    return first;
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reserving a block of " + kind + " ids failed", e);
        }
    }
}
