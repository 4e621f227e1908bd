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
    FhirResourceStore resources;

    @BeforeEach
    void open() {
        ds = TestDatabases.h2(tmp);
        SqlDialect dialect = SqlDialect.of(ds);
        writer = new GroupCommitWriter(ds, dialect, 64, 1024);
        messages = new MessageStore(ds);
        // Stands for a crash (or a database hiccup) after the message commit and before the resource row.
        resources = new FhirResourceStore(ds, dialect) {
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

    static org.hl7.fhir.r4.model.Bundle transaction(String suffix) {
        var b = new org.hl7.fhir.r4.model.Bundle().setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
        var p = new org.hl7.fhir.r4.model.Patient();
        p.addIdentifier().setSystem("urn:mrn").setValue("P-" + suffix);
        b.addEntry().setFullUrl("urn:uuid:0f0e0d0c-0000-0000-0000-000000000001").setResource(p).getRequest()
                .setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=urn:mrn|P-" + suffix);
        b.addEntry().setResource(encounter("E-" + suffix).setSubject(
                        new Reference("urn:uuid:0f0e0d0c-0000-0000-0000-000000000001"))).getRequest()
                .setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST).setUrl("Encounter")
                .setIfNoneExist("identifier=urn:s|E-" + suffix);
        return b;
    }

    @Test
    void concurrentIdenticalTransactionsAllSucceedWithOneSetOfResources() throws Exception {
        byte[] raw = FHIR.newJsonParser().encodeResourceToString(transaction("TXR")).getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<org.hl7.fhir.r4.model.Bundle>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> receiver.transaction(
                        FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, new String(raw,
                                StandardCharsets.UTF_8)), raw)));
            }
            List<List<String>> locations = new ArrayList<>();
            for (var f : answers) {
                locations.add(f.get().getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
            }
            assertThat(locations).containsOnly(locations.get(0));
            String patient = locations.get(0).get(0);
            long encounterId = Long.parseLong(locations.get(0).get(1).substring("Encounter/".length()));
            Encounter stored = FHIR.newJsonParser().parseResource(Encounter.class,
                    resources.read("Encounter", encounterId).orElseThrow());
            assertThat(stored.getSubject().getReference()).isEqualTo(patient);
        } finally {
            pool.shutdownNow();
        }
    }
}
