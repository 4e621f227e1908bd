package io.claimbridge.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The encounter ledger's rows. Callers run inside a transaction and read with {@link #lock} (or
 * save with {@link #saveIfCurrent}) so two messages about one visit are merged one after the other.
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

    /**
     * Writes a new state; {@code stateToken} (never reused) names this exact state for in-memory
     * caches, {@code nextDueAt} is when the ledger clock should look at it again (null: not before
     * the next message).
     */
    public void save(long id, String status, String stateJson, Long messageId, Long stateToken, Instant nextDueAt) {
        jdbc.update("UPDATE encounter SET status = ?, state_json = ?, last_message_id = ?, updated_at = ?,"
                + " version = version + 1, state_token = ?, next_due_at = ? WHERE id = ?", status, stateJson, messageId,
                Timestamp.from(Instant.now()), stateToken, nextDueAt == null ? null : Timestamp.from(nextDueAt), id);
    }

    /**
     * Saves a new state only if the row still carries {@code expectedToken} (the state the caller
     * merged into): one statement instead of a locked read and an update. Returns whether it did.
     */
    public boolean saveIfCurrent(long id, long expectedToken, String status, String stateJson, Long messageId,
                                 long stateToken, Instant nextDueAt) {
        return jdbc.update("UPDATE encounter SET status = ?, state_json = ?, last_message_id = ?, updated_at = ?,"
                        + " version = version + 1, state_token = ?, next_due_at = ? WHERE id = ? AND state_token = ?",
                status, stateJson, messageId, Timestamp.from(Instant.now()), stateToken,
                nextDueAt == null ? null : Timestamp.from(nextDueAt), id, expectedToken) == 1;
    }

    /** Moves the clock's next look at a visit whose state did not change. */
    public void setNextDue(long id, Instant nextDueAt) {
        jdbc.update("UPDATE encounter SET next_due_at = ? WHERE id = ?",
                nextDueAt == null ? null : Timestamp.from(nextDueAt), id);
    }

    /** A visit the ledger clock should look at. */
    public record DueVisit(String sender, String visitKey) {
    }

    /** Visits whose next due time has come, earliest first (reads no state document). */
    public List<DueVisit> due(Instant now, int limit) {
        return jdbc.query("SELECT sender, visit_key FROM encounter WHERE next_due_at <= ? ORDER BY next_due_at"
                + " FETCH FIRST " + limit + " ROWS ONLY", (rs, i) -> new DueVisit(rs.getString(1), rs.getString(2)),
                Timestamp.from(now));
    }

    /** A visit's row without its state document, locked for this transaction. */
    public record LockedRow(long id, boolean empty, Long stateToken, Long lastMessageId) {
    }

    /** The visit's row without its state document, locked for this transaction; empty if there is none yet. */
    public Optional<LockedRow> lock(String sender, String visitKey) {
        // version 0 = never saved (a row created empty by an earlier release of the engine); no LOB is read
        List<LockedRow> rows = jdbc.query("SELECT id, state_token, last_message_id, version"
                + " FROM encounter WHERE sender = ? AND visit_key = ? FOR UPDATE", (rs, i) -> {
                    long token = rs.getLong("state_token");
                    Long stateToken = rs.wasNull() ? null : token;
                    long last = rs.getLong("last_message_id");
                    Long lastMessage = rs.wasNull() ? null : last;
                    return new LockedRow(rs.getLong("id"), rs.getInt("version") == 0, stateToken, lastMessage);
                }, sender, visitKey);
        return rows.stream().findFirst();
    }

    /**
     * Creates a visit's row with its first state and returns its id. Throws DuplicateKeyException when
     * another writer created the visit first.
     */
    public long insert(String sender, String visitKey, String status, String stateJson, Long messageId,
                       Long stateToken, Instant nextDueAt) {
        long id = jdbc.queryForObject(dialect.nextValue("encounter_id_seq"), Long.class);
        jdbc.update("INSERT INTO encounter (id, sender, visit_key, status, state_json, last_message_id, updated_at,"
                        + " version, state_token, next_due_at) VALUES (?,?,?,?,?,?,?,1,?,?)",
                id, sender, visitKey, status, stateJson, messageId, Timestamp.from(Instant.now()), stateToken,
                nextDueAt == null ? null : Timestamp.from(nextDueAt));
        return id;
    }

    public String stateJson(long id) {
        return jdbc.queryForObject("SELECT state_json FROM encounter WHERE id = ?", String.class, id);
    }

    /** One visit in a list: its row without the state, which can be large. */
    public record VisitSummary(long id, String sender, String visitKey, String status, Long lastMessageId,
                               Instant updatedAt) {
    }

    /** Visits newest first, optionally in one status (e.g. PENDING: charges no ADT has named yet). */
    public List<VisitSummary> list(String status, int limit) {
        String columns = "SELECT id, sender, visit_key, status, last_message_id, updated_at FROM encounter";
        RowMapper<VisitSummary> summary = (rs, i) -> {
            long last = rs.getLong("last_message_id");
            return new VisitSummary(rs.getLong("id"), rs.getString("sender"), rs.getString("visit_key"),
                    rs.getString("status"), rs.wasNull() ? null : last, rs.getTimestamp("updated_at").toInstant());
        };
        return status == null
                ? jdbc.query(columns + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", summary)
                : jdbc.query(columns + " WHERE status = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                        summary, status);
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

    private static EncounterRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long last = rs.getLong("last_message_id");
        return new EncounterRow(rs.getLong("id"), rs.getString("sender"), rs.getString("visit_key"),
                rs.getString("status"), rs.getString("state_json"), rs.wasNull() ? null : last,
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }
}
