package io.claimbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

/**
 * Removes the content of finished messages: {@code message.raw} of PROCESSED messages received
 * before a cutoff, and the bodies of the Encounters and Claims they carried over FHIR. Everything
 * else stays: the message's metadata and sha256 (resends are still recognised), claims, ledger,
 * deliveries, and Patient bodies: an Encounter or Claim posted later points at its Patient, which
 * processing reads from the store (like the ledger state, it is still needed, not just traffic).
 * RECEIVED/PROCESSING messages are still to be processed and ERROR ones may be reprocessed, so
 * only PROCESSED ones qualify.
 */
public class RetentionStore {
    private final DataSource dataSource;

    public RetentionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What one batch did. {@code more}: the batch was full, so older content may be left.
     */
    public record PrunedBatch(int messages, int resources, boolean more) {
    }

    /**
     * Prunes up to {@code limit} messages received before {@code receivedBefore}, oldest first, in one
     * transaction, stamping them {@code prunedAt}. Idempotent: pruned rows are no longer candidates.
     */
    public PrunedBatch pruneBatch(Instant receivedBefore, Instant prunedAt, int limit) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = candidates(c, receivedBefore, limit);
                if (ids.isEmpty()) {
                    c.commit();
                    return new PrunedBatch(0, 0, false);
                }
                String in = String.join(",", Collections.nCopies(ids.size(), "?"));
                int messages;
                // status and content_pruned_at are checked again: a reprocess (or another node's pruner)
                // may have changed the row since it was read; the row lock makes the check current.
                try (PreparedStatement ps = c.prepareStatement("UPDATE message SET raw = NULL, content_pruned_at = ?"
                        + " WHERE id IN (" + in + ") AND status = 'PROCESSED' AND content_pruned_at IS NULL")) {
                    // microseconds: what both databases keep, so the value read back is the value written
                    ps.setTimestamp(1, Timestamp.from(prunedAt.truncatedTo(ChronoUnit.MICROS)));
                    bind(ps, 2, ids);
                    messages = ps.executeUpdate();
                }
                int resources;
                try (PreparedStatement ps = c.prepareStatement("UPDATE fhir_resource SET body = NULL WHERE body IS NOT NULL"
                        + " AND resource_type <> 'Patient' AND message_id IN"
                        + " (SELECT id FROM message WHERE id IN (" + in + ") AND content_pruned_at IS NOT NULL)")) {
                    bind(ps, 1, ids);
                    resources = ps.executeUpdate();
                }
                c.commit();
                return new PrunedBatch(messages, resources, ids.size() == limit);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("retention prune failed", e);
        }
    }

    /** One range of message_prunable_idx, in its own order (no sort on either database). */
    private static List<Long> candidates(Connection c, Instant receivedBefore, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message"
                + " WHERE status = 'PROCESSED' AND content_pruned_at IS NULL AND received_at < ?"
                + " ORDER BY status, content_pruned_at, received_at FETCH FIRST " + limit + " ROWS ONLY")) {
            ps.setTimestamp(1, Timestamp.from(receivedBefore));
            List<Long> ids = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static void bind(PreparedStatement ps, int first, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setLong(first + i, ids.get(i));
        }
    }
}
