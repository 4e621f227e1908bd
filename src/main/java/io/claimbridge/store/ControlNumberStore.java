package io.claimbridge.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * X12 control numbers per trading partner (ISA13, GS06, ST02): taken inside the caller's
 * transaction with the row locked, so they are unique and only ever grow, across restarts and
 * across instances sharing the database.
 */
public class ControlNumberStore {
    private final JdbcTemplate jdbc;

    public ControlNumberStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves {@code count} numbers and returns the first; ISA13 wraps at 999,999,999 per the standard. */
    public long reserve(String partner, String kind, int count) {
        var rows = jdbc.queryForList("SELECT last_value FROM control_number WHERE partner = ? AND kind = ? FOR UPDATE",
                Long.class, partner, kind);
        long last;
        if (rows.isEmpty()) {
            last = 0;
            try {
                jdbc.update("INSERT INTO control_number (partner, kind, last_value) VALUES (?,?,?)", partner, kind, 0L);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                last = jdbc.queryForObject("SELECT last_value FROM control_number WHERE partner = ? AND kind = ? FOR UPDATE",
                        Long.class, partner, kind);
            }
        } else {
            last = rows.get(0);
        }
        long first = last + 1 > 999_999_999L ? 1 : last + 1;
        jdbc.update("UPDATE control_number SET last_value = ? WHERE partner = ? AND kind = ?",
                first + count - 1, partner, kind);
        return first;
    }
}
