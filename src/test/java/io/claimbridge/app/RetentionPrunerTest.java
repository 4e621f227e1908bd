package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.claimbridge.ingest.TestHashes;
import io.claimbridge.store.FhirResourceRow;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.NewMessage;
import io.claimbridge.store.RetentionStore;
import io.claimbridge.store.SqlDialect;
import io.claimbridge.store.StoreResult;
import io.claimbridge.store.StoredMessage;
import io.claimbridge.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The retention pruner against embedded H2 and the machine's PostgreSQL, with a fixed clock. */
@ExtendWith(OutputCaptureExtension.class)
class RetentionPrunerTest {
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(30);

    @TempDir
    Path tmp;

    private HikariDataSource ds;
    private GroupCommitWriter writer;
    private MessageStore messages;
    private FhirResourceStore resources;
    private RetentionStore retention;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private void open(String db) {
        ds = TestDatabases.open(db, tmp);
        SqlDialect dialect = SqlDialect.of(ds);
        writer = new GroupCommitWriter(ds, dialect, 64, 1024);
        messages = new MessageStore(ds);
        resources = new FhirResourceStore(ds, dialect);
        retention = new RetentionStore(ds);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
        if (ds != null) {
            TestDatabases.close(ds);
        }
    }

    private RetentionPruner pruner(Instant now, int batchSize) {
        return new RetentionPruner(retention, new RetentionProperties(PERIOD, Duration.ofHours(1), batchSize),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static NewMessage message(String controlId, String body, Instant receivedAt) {
        byte[] raw = ("MSH|^~\\&|APP|FAC|CB|CB|20250101||ADT^A01^ADT_A01|" + controlId + "|P|2.5.1\r" + body)
                .getBytes(StandardCharsets.UTF_8);
        return NewMessage.received("MLLP", "epic", "APP", "FAC", controlId, "ADT", "A01", "2.5.1", raw,
                TestHashes.sha256(raw), receivedAt);
    }

    /** Stores a message received at the given time and puts it in the given status. */
    private long stored(String controlId, Instant receivedAt, MessageStatus status) throws Exception {
        long id = writer.submit(message(controlId, "PID|1||MRN-" + controlId + "||DOE^JANE\r", receivedAt)).get().id();
        if (status != MessageStatus.RECEIVED) {
            messages.setStatus(List.of(id), status, status == MessageStatus.ERROR ? "no visit number" : null);
        }
        return id;
    }

    private long resource(String type, long messageId) {
        long id = resources.nextId();
        resources.insertAll(List.of(new FhirResourceRow(id, type, "urn:sys", type + "-" + id, messageId,
                "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"}")));
        return id;
    }

    private StoredMessage get(long id) {
        return messages.get(id).orElseThrow();
    }

    private static void assertKept(StoredMessage m) {
        assertThat(m.raw()).as("raw of %s", m.controlId()).isNotNull().isNotEmpty();
        assertThat(m.contentPrunedAt()).as("pruned at of %s", m.controlId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void removesOnlyTheContentOfOldProcessedMessages(String db, CapturedOutput output) throws Exception {
        open(db);
        Instant old = NOW.minus(PERIOD).minusSeconds(1);
        long oldProcessed = stored("OLD-P", old, MessageStatus.PROCESSED);
        long encounter = resource("Encounter", oldProcessed);
        long claim = resource("Claim", oldProcessed);
        long patient = resource("Patient", oldProcessed);
        long atCutoff = stored("EDGE-P", NOW.minus(PERIOD), MessageStatus.PROCESSED);
        long young = stored("YOUNG-P", NOW.minus(Duration.ofDays(29)), MessageStatus.PROCESSED);
        long youngEncounter = resource("Encounter", young);
        long received = stored("OLD-R", old, MessageStatus.RECEIVED);
        long processing = stored("OLD-Q", old, MessageStatus.PROCESSING);
        long error = stored("OLD-E", old, MessageStatus.ERROR);
        long errorEncounter = resource("Encounter", error);
        StoredMessage before = get(oldProcessed);

        RetentionPruner.Run run = pruner(NOW, 500).pruneOnce();

        assertThat(run).isEqualTo(new RetentionPruner.Run(NOW.minus(PERIOD), 1, 2, 1));
        StoredMessage pruned = get(oldProcessed);
        assertThat(pruned.raw()).isNull();
        assertThat(pruned.contentPrunedAt()).isEqualTo(NOW);
        // metadata stays, so the message is still found, traced and recognised
        assertThat(pruned).usingRecursiveComparison().ignoringFields("raw", "contentPrunedAt").isEqualTo(before);
        assertThat(resources.read("Encounter", encounter)).isEmpty();
        assertThat(resources.read("Claim", claim)).isEmpty();
        assertThat(resources.exists("Encounter", encounter)).isTrue();
        assertThat(resources.findByIdentifier("Encounter", "urn:sys", "Encounter-" + encounter)).contains(encounter);
        // later encounters refer to their Patient, which processing reads from the store: kept
        assertThat(resources.read("Patient", patient)).isPresent();

        for (long kept : List.of(atCutoff, young, received, processing, error)) {
            assertKept(get(kept));
        }
        assertThat(resources.read("Encounter", youngEncounter)).isPresent();
        assertThat(resources.read("Encounter", errorEncounter)).isPresent();
        assertThat(get(error).status()).isEqualTo(MessageStatus.ERROR);

        assertThat(output.getAll()).contains("retention: removed the content of 1 messages and 2 FHIR resources"
                + " received before 2025-05-02T00:00:00Z (1 batches)")
                .doesNotContain("MRN-OLD-P").doesNotContain("DOE^JANE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void prunesOldestFirstInBatchesAndASecondRunFindsNothing(String db) throws Exception {
        open(db);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // stored newest first, so id order and received order disagree: batches follow received order
            ids.add(0, stored("B-" + i, NOW.minus(Duration.ofDays(40 + i)), MessageStatus.PROCESSED));
        }
        long young = stored("B-YOUNG", NOW.minus(Duration.ofDays(1)), MessageStatus.PROCESSED);

        RetentionStore.PrunedBatch first = retention.pruneBatch(NOW.minus(PERIOD), NOW, 3);
        assertThat(first).isEqualTo(new RetentionStore.PrunedBatch(3, 0, true));
        assertThat(ids.subList(0, 3)).allSatisfy(id -> assertThat(get(id).contentPrunedAt()).isEqualTo(NOW));
        assertThat(ids.subList(3, 7)).allSatisfy(id -> assertThat(get(id).contentPrunedAt()).isNull());

        RetentionPruner.Run run = pruner(NOW, 3).pruneOnce();
        assertThat(run.messages()).isEqualTo(4);
        assertThat(run.batches()).isEqualTo(2); // 3 + 1: the short batch ends the run
        assertThat(ids).allSatisfy(id -> assertThat(get(id).raw()).isNull());
        assertKept(get(young));

        Instant later = NOW.plus(Duration.ofHours(1));
        RetentionPruner.Run again = pruner(later, 3).pruneOnce();
        assertThat(again).isEqualTo(new RetentionPruner.Run(later.minus(PERIOD), 0, 0, 1));
        // the first removal is what is recorded, not rewritten by later runs
        assertThat(get(ids.get(0)).contentPrunedAt()).isEqualTo(NOW);
        assertKept(get(young));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void runsInTheBackgroundOnlyWhenAPeriodIsSet(String db) throws Exception {
        open(db);
        long old = stored("BG-1", NOW.minus(Duration.ofDays(60)), MessageStatus.PROCESSED);
        RetentionPruner off = new RetentionPruner(retention, new RetentionProperties(null, Duration.ofHours(1), 500),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(off.isAutoStartup()).isFalse();

        RetentionPruner on = pruner(NOW, 500);
        assertThat(on.isAutoStartup()).isTrue();
        on.start();
        try {
            AppTestSupport.await(Duration.ofSeconds(10), () -> get(old).contentPrunedAt() != null, "first run at start");
        } finally {
            on.stop();
        }
        assertThat(get(old).raw()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aResentPrunedMessageIsStillRecognisedByItsHash(String db) throws Exception {
        open(db);
        Instant old = NOW.minus(Duration.ofDays(60));
        NewMessage original = message("RESEND-1", "PID|1||MRN-9\r", old);
        long id = writer.submit(original).get().id();
        messages.setStatus(List.of(id), MessageStatus.PROCESSED, null);
        pruner(NOW, 500).pruneOnce();
        assertThat(get(id).raw()).isNull();
        long count = messages.count();

        StoreResult resend = writer.submit(original).get();
        assertThat(resend.resend()).isTrue();
        assertThat(resend.id()).isEqualTo(id);
        assertThat(messages.count()).isEqualTo(count);

        // same control id, other content: stored as a new message flagged as such, as before pruning
        StoreResult changed = writer.submit(message("RESEND-1", "PID|1||MRN-10\r", NOW)).get();
        assertThat(changed.resend()).isFalse();
        assertThat(changed.duplicateId()).isTrue();
        assertThat(get(changed.id()).raw()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPrunedMessageCannotBeRequeuedAnErrorOneCan(String db) throws Exception {
        open(db);
        Instant old = NOW.minus(Duration.ofDays(60));
        long processed = stored("RQ-P", old, MessageStatus.PROCESSED);
        long error = stored("RQ-E", old, MessageStatus.ERROR);
        pruner(NOW, 500).pruneOnce();

        assertThat(messages.requeue(processed)).isFalse();
        assertThat(get(processed).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(messages.requeue(error)).isTrue();
        assertThat(get(error).status()).isEqualTo(MessageStatus.RECEIVED);
        assertThat(get(error).raw()).isNotNull();
    }
}
