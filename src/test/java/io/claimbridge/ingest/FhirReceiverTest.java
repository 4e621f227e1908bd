package io.claimbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import ca.uhn.fhir.context.FhirContext;
import com.zaxxer.hikari.HikariDataSource;
import io.claimbridge.store.FhirResourceRow;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.SqlDialect;
import io.claimbridge.store.StoreException;
import io.claimbridge.store.TestDatabases;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store-then-respond for FHIR without HTTP: the failure window between the two writes, and races. */
class FhirReceiverTest {
    static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path tmp;

    HikariDataSource ds;
    GroupCommitWriter writer;
    MessageStore messages;
    final AtomicBoolean failNextInsert = new AtomicBoolean();
    FhirReceiver receiver;

    @BeforeEach
    void open() {
        ds = TestDatabases.h2(tmp);
        SqlDialect dialect = SqlDialect.of(ds);
        writer = new GroupCommitWriter(ds, dialect, 64, 1024);
        messages = new MessageStore(ds);
        // Stands for a crash (or a database hiccup) after the message commit and before the resource row.
        FhirResourceStore resources = new FhirResourceStore(ds, dialect) {
            @Override
            public void insertAll(List<FhirResourceRow> rows) {
                if (failNextInsert.getAndSet(false)) {
                    throw new StoreException("simulated", new java.sql.SQLException("down"));
                }
                super.insertAll(rows);
            }
        };
        receiver = new FhirReceiver(FHIR, writer, resources, id -> { }, Duration.ofSeconds(10), "fhir");
    }

    @AfterEach
    void close() {
        writer.close();
        ds.close();
    }

    static Encounter encounter(String value) {
        Encounter e = new Encounter();
        e.addIdentifier().setSystem("urn:s").setValue(value);
        e.setSubject(new Reference("Patient/1"));
        e.setPeriod(new Period().setStart(new Date(0)));
        return e;
    }

    static byte[] raw(Encounter e) {
        return FHIR.newJsonParser().encodeResourceToString(e).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void failureAfterTheMessageCommitAnswers503AndTheResendCompletesWithoutASecondMessage() {
        Encounter e = encounter("E-CRASH");
        failNextInsert.set(true);
        FhirRejection r = catchThrowableOfType(() -> receiver.create(e, raw(encounter("E-CRASH")), null),
                FhirRejection.class);
        assertThat(r.status()).isEqualTo(503);
        assertThat(messages.list(new MessageQuery("fhir", "urn:s|E-CRASH", null, 10))).hasSize(1);

        FhirCreateOutcome resent = receiver.create(encounter("E-CRASH"), raw(encounter("E-CRASH")),
                "identifier=urn:s|E-CRASH");

        assertThat(resent.created()).isTrue();
        assertThat(messages.list(new MessageQuery("fhir", "urn:s|E-CRASH", null, 10))).hasSize(1);
    }

    @Test
    void concurrentConditionalCreatesOfOneIdentifierStoreOneResource() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<FhirCreateOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<FhirCreateOutcome> call = () -> receiver.create(encounter("E-RACE"), raw(encounter("E-RACE")),
                        "identifier=urn:s|E-RACE");
                answers.add(pool.submit(call));
            }
            List<FhirCreateOutcome> outcomes = new ArrayList<>();
            for (Future<FhirCreateOutcome> f : answers) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(FhirCreateOutcome::created).hasSize(1);
            assertThat(outcomes).extracting(FhirCreateOutcome::id).containsOnly(outcomes.stream()
                    .filter(FhirCreateOutcome::created).findFirst().orElseThrow().id());
            // identical bytes: the message store keeps one copy however many raced
            assertThat(messages.list(new MessageQuery("fhir", "urn:s|E-RACE", null, 10))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
