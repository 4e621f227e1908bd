package io.claimbridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Hands out ids from a sequence that steps by {@link #BLOCK}: one round trip per hundred ids,
 * and still unique across several engine instances sharing one database.
 */
final class IdBlockAllocator {
    static final int BLOCK = 100;

    private final String nextValueSql;
    private long next;
    private long end;

    IdBlockAllocator(SqlDialect dialect, String sequence) {
        this.nextValueSql = dialect.nextValue(sequence);
    }

    synchronized long next(Connection c) throws SQLException {
        if (next >= end) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(nextValueSql)) {
                rs.next();
                next = rs.getLong(1);
                end = next + BLOCK;
            }
        }
        return next++;
    }
}
