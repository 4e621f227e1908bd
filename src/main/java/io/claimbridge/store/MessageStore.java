package io.claimbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/** Reads and status changes on the message store. Inserts go through {@link GroupCommitWriter}. */
public class MessageStore {
    private static final String COLUMNS = "id, source, sender, sending_app, sending_facility, control_id, message_type,"
            + " trigger_event, version, content_sha256, received_at, status, status_at, error, duplicate_id, attempts,"
            + " content_pruned_at";
    private static final int MAX_ERROR = 2000;

    private final DataSource dataSource;
    /** Joins the caller's Spring transaction (for {@link #markProcessedInTransaction}). */
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public MessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    }

    public List<StoredMessage> list(MessageQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM message WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (query.sender() != null) {
            sql.append(" AND sender = ?");
            args.add(query.sender());
        }
        if (query.controlId() != null) {
            sql.append(" AND control_id = ?");
            args.add(query.controlId());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().name());
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
        return query(sql.toString(), args, false);
    }

    public Optional<StoredMessage> get(long id) {
        List<StoredMessage> rows = query("SELECT " + COLUMNS + ", raw FROM message WHERE id = ?", List.of(id), true);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Oldest messages in a status, with their raw bytes: the work a processing stage picks up. */
    public List<StoredMessage> oldestIn(MessageStatus status, long afterId, int limit) {
        // ORDER BY status, id is the index's own order: H2 then reads just the first rows instead of
        // sorting the whole backlog (with its raw bytes) on every poll.
        return query("SELECT " + COLUMNS + ", raw FROM message WHERE status = ? AND id > ? ORDER BY status, id FETCH FIRST "
                + limit + " ROWS ONLY", List.of(status.name(), afterId), true);
    }

    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM message");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("count failed", e);
        }
    }

    /** Sets a status on many messages in one statement batch and one commit. */
    public void setStatus(Collection<Long> ids, MessageStatus status, String error) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE message SET status = ?, status_at = ?, error = ?,"
                            + " attempts = attempts + CASE WHEN ? THEN 1 ELSE 0 END WHERE id = ?")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (long id : ids) {
                    ps.setString(1, status.name());
                    ps.setTimestamp(2, now);
                    ps.setString(3, truncate(error));
                    // an attempt is counted when it starts (PROCESSING) or, for a message failed outright, when it ends
                    ps.setBoolean(4, status == MessageStatus.PROCESSING || status == MessageStatus.ERROR);
                    ps.setLong(5, id);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("status update failed", e);
        }
    }

    /**
     * Marks messages PROCESSED (one more attempt) on the connection of the caller's transaction, so
     * what processing changed and the message's status commit together or not at all.
     */
    public void markProcessedInTransaction(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> args = new java.util.ArrayList<>(ids.size());
        for (long id : ids) {
            args.add(new Object[] {now, id});
        }
        jdbc.batchUpdate(
                "UPDATE message SET status = 'PROCESSED', status_at = ?, error = NULL, attempts = attempts + 1"
                        + " WHERE id = ?", args);
    }

    /** After a crash, messages caught mid-processing go back to RECEIVED to be processed again. */
    public int requeueInterrupted() {
        return update("UPDATE message SET status = 'RECEIVED', status_at = ? WHERE status = 'PROCESSING'");
    }

    /**
     * Puts a message back in line; false when there is no such message, it is already queued, or
     * retention removed its content (nothing left to process).
     */
    public boolean requeue(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE message SET status = 'RECEIVED', status_at = ?, error = NULL"
                        + " WHERE id = ? AND status NOT IN ('RECEIVED', 'PROCESSING') AND content_pruned_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("requeue failed", e);
        }
    }

    private int update(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update failed", e);
        }
    }

    private static Instant instantOrNull(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }

    private List<StoredMessage> query(String sql, List<Object> args, boolean withRaw) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<StoredMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredMessage(
                            rs.getLong("id"),
                            rs.getString("source"),
                            rs.getString("sender"),
                            rs.getString("sending_app"),
                            rs.getString("sending_facility"),
                            rs.getString("control_id"),
                            rs.getString("message_type"),
                            rs.getString("trigger_event"),
                            rs.getString("version"),
                            rs.getString("content_sha256"),
                            rs.getTimestamp("received_at").toInstant(),
                            MessageStatus.valueOf(rs.getString("status")),
                            rs.getTimestamp("status_at").toInstant(),
                            rs.getString("error"),
                            rs.getBoolean("duplicate_id"),
                            rs.getInt("attempts"),
                            instantOrNull(rs.getTimestamp("content_pruned_at")),
                            withRaw ? rs.getBytes("raw") : null));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("query failed", e);
        }
    }
}
