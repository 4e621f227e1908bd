package io.claimbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One row per (claim, destination) and every attempt to send it. The unique (claim, destination)
 * pair is what makes delivery exactly-once per destination across restarts.
 */
public class DeliveryStore {
    public record DeliveryRow(long id, long claimPk, String destination, String format, String status, int attempts,
                              Instant nextAttemptAt, String interchangeControl, String batchKey, String lastError,
                              String responseJson, Instant createdAt, Instant updatedAt, Long groupControl,
                              Long transactionControl, Instant batchAt) {
    }

    /** The envelope of one 837 send, fixed when its deliveries go SENDING so a resend is identical. */
    public record BatchEnvelope(long interchangeControl, long groupControl, long transactionControl, Instant batchAt,
                                String batchKey) {
    }

    public record Attempt(Instant at, String outcome, String error) {
    }

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public DeliveryStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    public long create(long claimPk, String destination, String format) {
        long id = jdbc.queryForObject(dialect.nextValue("delivery_id_seq"), Long.class);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO delivery (id, claim_pk, destination, format, status, next_attempt_at, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?)", id, claimPk, destination, format, "PENDING", now, now, now);
        return id;
    }

    /** Deliveries due now in these statuses, oldest first, locked for this transaction (others skip them). */
    public List<DeliveryRow> due(List<String> statuses, Instant now, int limit) {
        String in = String.join(",", statuses.stream().map(s -> "?").toList());
        List<Object> args = new ArrayList<>(statuses);
        args.add(Timestamp.from(now));
        String lock = dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        return jdbc.query("SELECT * FROM delivery WHERE status IN (" + in + ") AND next_attempt_at <= ? ORDER BY id"
                + " FETCH FIRST " + limit + " ROWS ONLY" + lock, (rs, i) -> row(rs), args.toArray());
    }

    public List<DeliveryRow> inStatus(String status) {
        return jdbc.query("SELECT * FROM delivery WHERE status = ? ORDER BY id", (rs, i) -> row(rs), status);
    }

    /** Records that the delivery is going out in a named send (file name / interchange) before it is sent. */
    public void markSending(long id, String interchangeControl, String batchKey) {
        jdbc.update("UPDATE delivery SET status = 'SENDING', interchange_control = ?, batch_key = ?, updated_at = ?"
                + " WHERE id = ?", interchangeControl, batchKey, Timestamp.from(Instant.now()), id);
    }

    /**
     * Puts deliveries into one send (status SENDING) with its envelope; the caller does this in the
     * transaction that reserved the control numbers, so numbers and batch are committed together.
     */
    public void markBatched(List<Long> ids, BatchEnvelope envelope) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> args = new ArrayList<>(ids.size());
        for (long id : ids) {
            args.add(new Object[] {
                    envelope.interchangeControl() == 0 ? null : String.format("%09d", envelope.interchangeControl()),
                    envelope.groupControl() == 0 ? null : envelope.groupControl(),
                    envelope.transactionControl() == 0 ? null : envelope.transactionControl(),
                    Timestamp.from(envelope.batchAt()), envelope.batchKey(), now, id});
        }
        jdbc.batchUpdate("UPDATE delivery SET status = 'SENDING', interchange_control = ?, group_control = ?,"
                + " transaction_control = ?, batch_at = ?, batch_key = ?, updated_at = ? WHERE id = ?", args);
    }

    /** A FAILED batch whose retry is due goes back to SENDING (its envelope stays). */
    public void markResending(List<Long> ids) {
        Timestamp now = Timestamp.from(Instant.now());
        for (long id : ids) {
            jdbc.update("UPDATE delivery SET status = 'SENDING', updated_at = ? WHERE id = ?", now, id);
        }
    }

    /** The deliveries of one send, in the order they were rendered. */
    public List<DeliveryRow> inBatch(String destination, String batchKey) {
        return jdbc.query("SELECT * FROM delivery WHERE destination = ? AND batch_key = ? ORDER BY id",
                (rs, i) -> row(rs), destination, batchKey);
    }

    /**
     * An operator's retry. ERROR (the payload was refused or could not be rendered): back to PENDING
     * without its old envelope, to join a new send with new control numbers once fixed. DEAD (the
     * destination stayed unreachable): the whole send it was part of is retried as it was — same
     * key, same control numbers, the destination asked first — because it may have arrived after
     * all, and a send must keep its content for that question to mean anything. Returns how many
     * deliveries were requeued (0: the delivery was in neither status).
     */
    public int requeue(long id, String actor) {
        DeliveryRow r = get(id).orElse(null);
        if (r == null) {
            return 0;
        }
        Instant now = Instant.now();
        List<Long> ids;
        if ("DEAD".equals(r.status()) && r.batchKey() != null) {
            ids = jdbc.queryForList("SELECT id FROM delivery WHERE destination = ? AND batch_key = ? AND status = 'DEAD'",
                    Long.class, r.destination(), r.batchKey());
            for (long d : ids) {
                jdbc.update("UPDATE delivery SET status = 'FAILED', attempts = 0, next_attempt_at = ?, updated_at = ?"
                        + " WHERE id = ? AND status = 'DEAD'", Timestamp.from(now), Timestamp.from(now), d);
            }
        } else {
            int n = jdbc.update("UPDATE delivery SET status = 'PENDING', attempts = 0, interchange_control = NULL,"
                    + " group_control = NULL, transaction_control = NULL, batch_at = NULL, batch_key = NULL,"
                    + " next_attempt_at = ?, updated_at = ? WHERE id = ? AND status IN ('DEAD', 'ERROR')",
                    Timestamp.from(now), Timestamp.from(now), id);
            ids = n == 1 ? List.of(id) : List.of();
        }
        for (long d : ids) {
            long aid = jdbc.queryForObject(dialect.nextValue("delivery_attempt_id_seq"), Long.class);
            jdbc.update("INSERT INTO delivery_attempt (id, delivery_id, at, outcome, error) VALUES (?,?,?,?,?)",
                    aid, d, Timestamp.from(now), "REQUEUED", truncate("retry requested by " + actor));
        }
        return ids.size();
    }

    public void markResult(long id, String status, String error, String responseJson, Instant nextAttemptAt,
                           boolean countsAsAttempt) {
        markResults(List.of(id), status, error, responseJson, nextAttemptAt, countsAsAttempt);
    }

    /** One outcome for many deliveries (the claims of one send), in two statement batches. */
    public void markResults(List<Long> ids, String status, String error, String responseJson, Instant nextAttemptAt,
                            boolean countsAsAttempt) {
        if (ids.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp next = nextAttemptAt == null ? now : Timestamp.from(nextAttemptAt);
        String clipped = truncate(error);
        List<Object[]> updates = new ArrayList<>(ids.size());
        List<Object[]> attempts = new ArrayList<>(ids.size());
        for (long id : ids) {
            updates.add(new Object[] {status, clipped, responseJson, next, countsAsAttempt ? 1 : 0, now, id});
            attempts.add(new Object[] {id, now, status, clipped});
        }
        jdbc.batchUpdate("UPDATE delivery SET status = ?, last_error = ?, response_json = COALESCE(?, response_json),"
                + " next_attempt_at = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?", updates);
        if (countsAsAttempt) {
            jdbc.batchUpdate("INSERT INTO delivery_attempt (id, delivery_id, at, outcome, error) VALUES ("
                    + dialect.nextValueExpression("delivery_attempt_id_seq") + ",?,?,?,?)", attempts);
        }
    }

    /** Every delivery's status per claim, for these claims (to see which have reached all their destinations). */
    public Map<Long, List<String>> statusesByClaim(Collection<Long> claimPks) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>(claimPks);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT claim_pk, status FROM delivery WHERE claim_pk IN (" + in + ")", rs -> {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }, chunk.toArray());
        }
        return out;
    }

    public Optional<DeliveryRow> get(long id) {
        return jdbc.query("SELECT * FROM delivery WHERE id = ?", (rs, i) -> row(rs), id).stream().findFirst();
    }

    public List<DeliveryRow> forClaim(long claimPk) {
        return jdbc.query("SELECT * FROM delivery WHERE claim_pk = ? ORDER BY id", (rs, i) -> row(rs), claimPk);
    }

    public List<DeliveryRow> list(String status, String destination, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM delivery WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (destination != null) {
            sql.append(" AND destination = ?");
            args.add(destination);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, i) -> row(rs), args.toArray());
    }

    public List<Attempt> attempts(long deliveryId) {
        return jdbc.query("SELECT at, outcome, error FROM delivery_attempt WHERE delivery_id = ? ORDER BY id",
                (rs, i) -> new Attempt(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)), deliveryId);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static DeliveryRow row(ResultSet rs) throws SQLException {
        return new DeliveryRow(rs.getLong("id"), rs.getLong("claim_pk"), rs.getString("destination"),
                rs.getString("format"), rs.getString("status"), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("interchange_control"),
                rs.getString("batch_key"), rs.getString("last_error"), rs.getString("response_json"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                nullableLong(rs, "group_control"), nullableLong(rs, "transaction_control"),
                rs.getTimestamp("batch_at") == null ? null : rs.getTimestamp("batch_at").toInstant());
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
