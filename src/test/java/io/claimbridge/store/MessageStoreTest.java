package io.claimbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The message store against embedded H2 and the machine's real PostgreSQL. */
class MessageStoreTest {
    @TempDir
    Path tmp;

    private HikariDataSource ds;
    private boolean postgres;
    private GroupCommitWriter writer;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private MessageStore open(String db) {
        postgres = db.equals("postgresql");
        ds = postgres ? TestDatabases.postgres() : TestDatabases.h2(tmp);
        writer = new GroupCommitWriter(ds, SqlDialect.of(ds), 64, 1024);
        return new MessageStore(ds);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
        if (ds != null) {
            if (postgres) {
                TestDatabases.dropPostgresSchema(ds);
            } else {
                ds.close();
            }
        }
    }

    private static NewMessage msg(String sender, String controlId, String body) {
        byte[] raw = ("MSH|^~\\&|APP|FAC|CB|CB|20250101||ADT^A01^ADT_A01|" + controlId + "|P|2.5.1\r" + body)
                .getBytes(StandardCharsets.UTF_8);
        return NewMessage.received("MLLP", sender, "APP", "FAC", controlId, "ADT", "A01", "2.5.1", raw,
                io.claimbridge.ingest.TestHashes.sha256(raw), Instant.now());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void storesRawBytesAndFieldsExactly(String db) throws Exception {
        MessageStore store = open(db);
        byte[] raw = "MSH|^~\\&|APP|FAC|CB|CB|20250101||ADT^A01|C1|P|2.3\rPID|1||\u00e9\r".getBytes(StandardCharsets.ISO_8859_1);
        NewMessage m = NewMessage.received("MLLP", "epic", "APP", "FAC", "C1", "ADT", "A01", "2.3", raw,
                "h1", Instant.parse("2025-01-01T10:00:00Z"));
        StoreResult r = writer.submit(m).get();
        assertThat(r.resend()).isFalse();
        StoredMessage s = store.get(r.id()).orElseThrow();
        assertThat(s.raw()).isEqualTo(raw);
        assertThat(s.sender()).isEqualTo("epic");
        assertThat(s.controlId()).isEqualTo("C1");
        assertThat(s.messageType()).isEqualTo("ADT");
        assertThat(s.triggerEvent()).isEqualTo("A01");
        assertThat(s.version()).isEqualTo("2.3");
        assertThat(s.status()).isEqualTo(MessageStatus.RECEIVED);
        assertThat(s.receivedAt()).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void resendIsNotStoredTwiceButNewContentWithSameIdIsFlagged(String db) throws Exception {
        MessageStore store = open(db);
        StoreResult first = writer.submit(msg("epic", "X1", "PID|1\r")).get();
        StoreResult resend = writer.submit(msg("epic", "X1", "PID|1\r")).get();
        StoreResult changed = writer.submit(msg("epic", "X1", "PID|2\r")).get();
        StoreResult otherSender = writer.submit(msg("cerner", "X1", "PID|1\r")).get();

        assertThat(resend.resend()).isTrue();
        assertThat(resend.id()).isEqualTo(first.id());
        assertThat(changed.resend()).isFalse();
        assertThat(changed.duplicateId()).isTrue();
        assertThat(otherSender.resend()).isFalse();
        assertThat(otherSender.duplicateId()).isFalse();
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.get(changed.id()).orElseThrow().duplicateId()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentWritersAllGetUniqueIdsAndResendsInOneBatchCollapse(String db) throws Exception {
        MessageStore store = open(db);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<StoreResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int n = i;
            // every message is sent twice, concurrently: the second is a resend
            for (int copy = 0; copy < 2; copy++) {
                futures.add(CompletableFuture.supplyAsync(() -> writer.submit(msg("s", "C" + n, "PID|" + n + "\r")).join(), pool));
            }
        }
        Set<Long> ids = new HashSet<>();
        int resends = 0;
        for (var f : futures) {
            StoreResult r = f.get();
            ids.add(r.id());
            if (r.resend()) {
                resends++;
            }
        }
        pool.shutdown();
        assertThat(ids).hasSize(2000);
        assertThat(resends).isEqualTo(2000);
        assertThat(store.count()).isEqualTo(2000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void statusLifecycleListFiltersAndRequeue(String db) throws Exception {
        MessageStore store = open(db);
        long a = writer.submit(msg("epic", "A", "")).get().id();
        long b = writer.submit(msg("epic", "B", "")).get().id();
        long c = writer.submit(msg("lab", "C", "")).get().id();

        assertThat(store.oldestIn(MessageStatus.RECEIVED, 0, 10)).extracting(StoredMessage::id).containsExactly(a, b, c);
        // processing marks a message PROCESSED with its ledger changes, or ERROR on its own: one attempt either way
        store.markProcessedInTransaction(List.of(a));
        store.setStatus(List.of(b), MessageStatus.ERROR, "PID-3 missing");
        assertThat(store.get(a).orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.get(a).orElseThrow().status()).isEqualTo(MessageStatus.PROCESSED);

        assertThat(store.list(new MessageQuery("epic", null, null, 10))).extracting(StoredMessage::id).containsExactly(b, a);
        assertThat(store.list(new MessageQuery(null, "C", null, 10))).extracting(StoredMessage::id).containsExactly(c);
        List<StoredMessage> errors = store.list(new MessageQuery(null, null, MessageStatus.ERROR, 10));
        assertThat(errors).singleElement().satisfies(m -> {
            assertThat(m.error()).isEqualTo("PID-3 missing");
            assertThat(m.attempts()).isEqualTo(1);
        });

        assertThat(store.requeue(b)).isTrue();
        assertThat(store.requeue(c)).isFalse(); // already waiting
        assertThat(store.get(b).orElseThrow().status()).isEqualTo(MessageStatus.RECEIVED);
        assertThat(store.get(b).orElseThrow().error()).isNull();

        store.setStatus(List.of(c), MessageStatus.PROCESSING, null);
        assertThat(store.requeueInterrupted()).isEqualTo(1);
        assertThat(store.get(c).orElseThrow().status()).isEqualTo(MessageStatus.RECEIVED);
    }
}
