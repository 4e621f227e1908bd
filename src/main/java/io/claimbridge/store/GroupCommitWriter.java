package io.claimbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes inbound messages in group commits: one writer thread drains whatever callers have
 * queued and stores it in a single transaction, so the many connections waiting for their ACK
 * share one commit instead of paying one each. A caller's future completes only after the
 * commit that holds its message, which is what makes acknowledge-after-commit safe.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final long QUEUE_WAIT_SECONDS = 10;

    private record Pending(NewMessage message, CompletableFuture<StoreResult> result) {
    }

    private final DataSource dataSource;
    private final IdBlockAllocator ids;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastWriteNanos;

    public GroupCommitWriter(DataSource dataSource, SqlDialect dialect, int maxBatch, int queueCapacity) {
        this.dataSource = dataSource;
        this.ids = new IdBlockAllocator(dialect, "message_id_seq");
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a message. While the queue is full the caller waits (back-pressure on the senders), but
     * not for ever: a store that stopped writing fails the request, and the sender is told to resend.
     */
    public CompletableFuture<StoreResult> submit(NewMessage message) {
        CompletableFuture<StoreResult> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new IllegalStateException("store writer is closed"));
            return f;
        }
        try {
            if (!queue.offer(new Pending(message, f), QUEUE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                f.completeExceptionally(new IllegalStateException("store writer queue full"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.completeExceptionally(e);
        }
        return f;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                lastWriteNanos = System.nanoTime();
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("store writer failed on a batch of {}", batch.size(), e);
                batch.forEach(p -> p.result.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            p.result.completeExceptionally(new IllegalStateException("store writer closed"));
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<StoreResult> results = writeTransaction(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(results.get(i));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) && batch.size() > 1) {
                // Another instance stored one of these concurrently: redo one by one so each gets its answer.
                for (Pending p : batch) {
                    write(List.of(p));
                }
                return;
            }
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                write(batch); // the concurrent copy is now visible and will be found as a resend
                return;
            }
            log.error("store write failed for a batch of {} (sqlState {})", batch.size(), e.getSQLState(), e);
            batch.forEach(p -> p.result.completeExceptionally(e));
        }
    }

    private List<StoreResult> writeTransaction(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<Key, Long> existingByContent = new HashMap<>();
                Set<ControlKey> existingIds = new java.util.HashSet<>();
                findExisting(c, batch, existingByContent, existingIds);

                List<StoreResult> results = new ArrayList<>(batch.size());
                try (PreparedStatement ins = c.prepareStatement("""
                        INSERT INTO message (id, source, sender, sending_app, sending_facility, control_id,
                          message_type, trigger_event, version, content_sha256, raw, received_at, status,
                          status_at, duplicate_id, error)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")) {
                    int inserts = 0;
                    for (Pending p : batch) {
                        NewMessage m = p.message;
                        Key key = new Key(m.sender(), m.controlId(), m.contentSha256());
                        Long existing = existingByContent.get(key);
                        if (existing != null) {
                            results.add(new StoreResult(existing, true, false));
                            continue;
                        }
                        ControlKey ck = new ControlKey(m.sender(), m.controlId());
                        boolean duplicateId = m.controlId() != null && existingIds.contains(ck);
                        long id = ids.next(c);
                        Timestamp at = Timestamp.from(m.receivedAt());
                        ins.setLong(1, id);
                        ins.setString(2, m.source());
                        ins.setString(3, m.sender());
                        ins.setString(4, m.sendingApp());
                        ins.setString(5, m.sendingFacility());
                        ins.setString(6, m.controlId());
                        ins.setString(7, m.messageType());
                        ins.setString(8, m.triggerEvent());
                        ins.setString(9, m.version());
                        ins.setString(10, m.contentSha256());
                        ins.setBytes(11, m.raw());
                        ins.setTimestamp(12, at);
                        ins.setString(13, m.status().name());
                        ins.setTimestamp(14, at);
                        ins.setBoolean(15, duplicateId);
                        ins.setString(16, m.error());
                        ins.addBatch();
                        inserts++;
                        existingByContent.put(key, id);
                        if (m.controlId() != null) {
                            existingIds.add(ck);
                        }
                        results.add(new StoreResult(id, false, duplicateId));
                    }
                    if (inserts > 0) {
                        ins.executeBatch();
                    }
                }
                c.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private record Key(String sender, String controlId, String sha) {
    }

    private record ControlKey(String sender, String controlId) {
    }

    /** One query for the whole batch: which (sender, control id) pairs are already stored. */
    private static void findExisting(Connection c, List<Pending> batch, Map<Key, Long> byContent,
                                     Set<ControlKey> controlIds) throws SQLException {
        Set<String> wanted = new LinkedHashSet<>();
        for (Pending p : batch) {
            if (p.message.controlId() != null) {
                wanted.add(p.message.controlId());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        String placeholders = String.join(",", java.util.Collections.nCopies(wanted.size(), "?"));
        try (PreparedStatement q = c.prepareStatement(
                "SELECT id, sender, control_id, content_sha256 FROM message WHERE control_id IN (" + placeholders + ")")) {
            int i = 1;
            for (String w : wanted) {
                q.setString(i++, w);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String sender = rs.getString(2);
                    String controlId = rs.getString(3);
                    byContent.putIfAbsent(new Key(sender, controlId, rs.getString(4)), rs.getLong(1));
                    controlIds.add(new ControlKey(sender, controlId));
                }
            }
        }
    }

    /** Whether messages were written in the last {@code window}: senders are waiting for ACKs. */
    public boolean busyWithin(java.time.Duration window) {
        long last = lastWriteNanos;
        return last != 0 && System.nanoTime() - last < window.toNanos();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
