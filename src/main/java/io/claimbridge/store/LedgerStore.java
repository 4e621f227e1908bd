package io.claimbridge.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The encounter ledger's rows. Callers run inside a transaction and read with
 * {@link #lockOrCreate} so two messages about one visit are merged one after the other.
 */
public class LedgerStore {
    public record EncounterRow(long id, String sender, String visitKey, String status, String stateJson,
                               Long lastMessageId, Instant updatedAt, int version) {
    }

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public LedgerStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The visit's row, locked for this transaction; created (empty state) when it is the first message. */
    public EncounterRow lockOrCreate(String sender, String visitKey, String emptyStateJson) {
        Optional<EncounterRow> existing = find(sender, visitKey, true);
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = jdbc.queryForObject(dialect.nextValue("encounter_id_seq"), Long.class);
        Instant now = Instant.now();
        try {
            jdbc.update("INSERT INTO encounter (id, sender, visit_key, status, state_json, updated_at) VALUES (?,?,?,?,?,?)",
                    id, sender, visitKey, "NEW", emptyStateJson, Timestamp.from(now));
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // another instance created it first: use theirs
            return find(sender, visitKey, true).orElseThrow();
        }
        return new EncounterRow(id, sender, visitKey, "NEW", emptyStateJson, null, now, 0);
    }

    public void save(long id, String status, String stateJson, Long messageId) {
        jdbc.update("UPDATE encounter SET status = ?, state_json = ?, last_message_id = ?, updated_at = ?,"
                + " version = version + 1 WHERE id = ?", status, stateJson, messageId, Timestamp.from(Instant.now()), id);
    }

    public Optional<EncounterRow> get(long id) {
        List<EncounterRow> rows = jdbc.query("SELECT * FROM encounter WHERE id = ?", (rs, i) -> row(rs), id);
        return rows.stream().findFirst();
    }

    public Optional<EncounterRow> find(String sender, String visitKey, boolean forUpdate) {
        List<EncounterRow> rows = jdbc.query("SELECT * FROM encounter WHERE sender = ? AND visit_key = ?"
                + (forUpdate ? " FOR UPDATE" : ""), (rs, i) -> row(rs), sender, visitKey);
        return rows.stream().findFirst();
    }

    /** Visits waiting for something time-based (bill hold) to pass. */
    public List<EncounterRow> inStatus(String status, int limit) {
        return jdbc.query("SELECT * FROM encounter WHERE status = ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> row(rs), status);
    }

    private static EncounterRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long last = rs.getLong("last_message_id");
        return new EncounterRow(rs.getLong("id"), rs.getString("sender"), rs.getString("visit_key"),
                rs.getString("status"), rs.getString("state_json"), rs.wasNull() ? null : last,
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }
}
