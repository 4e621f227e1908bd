package io.claimbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** Claims released from the ledger, their edit outcome, status and who changed them. */
public class ClaimStore {
    public record ClaimRow(long id, String claimId, long encounterId, Long messageId, String claimType,
                           String frequency, String originalClaimId, String payerId, String status,
                           String bundleJson, String outcomeJson, int errorCount, int warningCount,
                           Instant createdAt, Instant updatedAt, String updatedBy, int version,
                           String payerClaimNumber) {
    }

    public record NewClaim(String claimId, long encounterId, Long messageId, String claimType, String frequency,
                           String originalClaimId, String payerId, String status, String bundleJson,
                           String outcomeJson, int errorCount, int warningCount) {
    }

    public record ClaimEvent(Instant at, String actor, String action, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public ClaimStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    public long insert(NewClaim c, String actor) {
        long id = jdbc.queryForObject(dialect.nextValue("claim_id_seq"), Long.class);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO claim (id, claim_id, encounter_id, message_id, claim_type, frequency, original_claim_id,
                  payer_id, status, bundle_json, outcome_json, error_count, warning_count, created_at, updated_at, updated_by)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                id, c.claimId(), c.encounterId(), c.messageId(), c.claimType(), c.frequency(), c.originalClaimId(),
                c.payerId(), c.status(), c.bundleJson(), c.outcomeJson(), c.errorCount(), c.warningCount(), now, now, actor);
        event(id, actor, "CREATED", c.status() + " with " + c.errorCount() + " errors, " + c.warningCount() + " warnings");
        return id;
    }

    /** Replaces the claim's content and outcome (a coder's correction), recording who did it. */
    public void update(long id, String bundleJson, String outcomeJson, int errors, int warnings, String status,
                       String actor, String detail) {
        jdbc.update("UPDATE claim SET bundle_json = ?, outcome_json = ?, error_count = ?, warning_count = ?, status = ?,"
                        + " updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?",
                bundleJson, outcomeJson, errors, warnings, status, Timestamp.from(Instant.now()), actor, id);
        event(id, actor, "UPDATED", detail);
    }

    public void setStatus(long id, String status, String actor, String detail) {
        jdbc.update("UPDATE claim SET status = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?",
                status, Timestamp.from(Instant.now()), actor, id);
        event(id, actor, status, detail);
    }

    /** Records the payer's claim control number (ICN/DCN) of this claim, with who set it. */
    public void setPayerClaimNumber(long id, String payerClaimNumber, String actor, String detail) {
        jdbc.update("UPDATE claim SET payer_claim_number = ?, updated_at = ?, updated_by = ?, version = version + 1"
                + " WHERE id = ?", payerClaimNumber, Timestamp.from(Instant.now()), actor, id);
        event(id, actor, "PAYER_CLAIM_NUMBER", detail);
    }

    /**
     * The payer's claim number of our claim {@code claimId}: from the newest row with that claim id
     * that has one (a claim id can have several rows, e.g. after a crash re-release). Locks those
     * rows, so a replacement checked now and the number being set now cannot miss each other: one
     * waits for the other's commit and then sees it.
     */
    public Optional<String> payerClaimNumberOf(String claimId) {
        return jdbc.query("SELECT payer_claim_number FROM claim WHERE claim_id = ? ORDER BY id DESC FOR UPDATE",
                (rs, i) -> rs.getString(1), claimId).stream().filter(Objects::nonNull).findFirst();
    }

    /** Held replacements and voids of our claim {@code originalClaimId}, oldest first. */
    public List<Long> heldReplacementsOf(String originalClaimId) {
        return jdbc.query("SELECT id FROM claim WHERE original_claim_id = ? AND status = 'HELD' ORDER BY id",
                (rs, i) -> rs.getLong(1), originalClaimId);
    }

    public Optional<ClaimRow> get(long id) {
        return jdbc.query("SELECT * FROM claim WHERE id = ?", (rs, i) -> row(rs), id).stream().findFirst();
    }

    public Optional<ClaimRow> getForUpdate(long id) {
        return jdbc.query("SELECT * FROM claim WHERE id = ? FOR UPDATE", (rs, i) -> row(rs), id).stream().findFirst();
    }

    public List<ClaimRow> byStatus(String status, int limit) {
        return jdbc.query("SELECT * FROM claim WHERE status = ? ORDER BY status, id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> row(rs), status);
    }

    /** The newest claims, whatever their status. */
    public List<ClaimRow> recent(int limit) {
        return jdbc.query("SELECT * FROM claim ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", (rs, i) -> row(rs));
    }

    public List<ClaimRow> byEncounter(long encounterId) {
        return jdbc.query("SELECT * FROM claim WHERE encounter_id = ? ORDER BY id", (rs, i) -> row(rs), encounterId);
    }

    /** Rows of our claim id (CLM01), newest first. */
    public List<ClaimRow> byClaimId(String claimId) {
        return jdbc.query("SELECT * FROM claim WHERE claim_id = ? ORDER BY id DESC", (rs, i) -> row(rs), claimId);
    }

    public List<ClaimRow> byMessage(long messageId) {
        return jdbc.query("SELECT * FROM claim WHERE message_id = ? ORDER BY id", (rs, i) -> row(rs), messageId);
    }

    public List<ClaimEvent> events(long id) {
        return jdbc.query("SELECT at, actor, action, detail FROM claim_event WHERE claim_pk = ? ORDER BY id",
                (rs, i) -> new ClaimEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4)), id);
    }

    /** Sets one status on many claims, each with its own event detail, in two statement batches. */
    public void setStatuses(Map<Long, String> detailByClaim, String status, String actor) {
        if (detailByClaim.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> updates = new ArrayList<>(detailByClaim.size());
        List<Object[]> events = new ArrayList<>(detailByClaim.size());
        detailByClaim.forEach((pk, detail) -> {
            updates.add(new Object[] {status, now, actor, pk});
            events.add(new Object[] {pk, now, actor, status, clip(detail)});
        });
        jdbc.batchUpdate("UPDATE claim SET status = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?",
                updates);
        jdbc.batchUpdate(EVENT_INSERT.formatted(dialect.nextValueExpression("claim_event_id_seq")), events);
    }

    private static final String EVENT_INSERT = "INSERT INTO claim_event (id, claim_pk, at, actor, action, detail)"
            + " VALUES (%s,?,?,?,?,?)";

    private void event(long claimPk, String actor, String action, String detail) {
        jdbc.update(EVENT_INSERT.formatted(dialect.nextValueExpression("claim_event_id_seq")),
                claimPk, Timestamp.from(Instant.now()), actor, action, clip(detail));
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    private static ClaimRow row(ResultSet rs) throws SQLException {
        long msg = rs.getLong("message_id");
        Long messageId = rs.wasNull() ? null : msg;
        return new ClaimRow(rs.getLong("id"), rs.getString("claim_id"), rs.getLong("encounter_id"), messageId,
                rs.getString("claim_type"), rs.getString("frequency"), rs.getString("original_claim_id"),
                rs.getString("payer_id"), rs.getString("status"), rs.getString("bundle_json"),
                rs.getString("outcome_json"), rs.getInt("error_count"), rs.getInt("warning_count"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"), rs.getInt("version"), rs.getString("payer_claim_number"));
    }
}
