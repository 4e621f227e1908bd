package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import io.claimbridge.coding.attach.Chargemaster;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.coding.codeset.ConformanceLoader;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.delivery.routing.RoutingLoader;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.Samples;
import io.claimbridge.normalize.fhir.FhirInboundNormalizer;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerPolicy;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.LedgerStore;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.SqlDialect;
import io.claimbridge.store.StoredMessage;
import io.claimbridge.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message whose changes rolled back after its state was cached must be applied in full when it
 * is processed again: the cached state already "contains" it, but only the row's state counts.
 */
class EncounterProcessorRetryTest {
    @TempDir
    Path dir;
    HikariDataSource ds;

    @AfterEach
    void close() {
        ds.close();
    }

    /** Releases fail while {@code failing} is set, like a store error in the middle of a message. */
    static final class FlakyRelease extends ClaimRelease {
        boolean failing;

        FlakyRelease(ClaimStore claims, DeliveryStore deliveries, Path dataDir) throws Exception {
            super(new CodeAttacher(Chargemaster.read(Path.of("mappings/chargemaster.csv"))),
                    new ClaimEditor(ConformanceLoader.load(Path.of("conformance"), null)),
                    new RoutingLoader(dataDir, k -> null).loadOrDefault(dataDir.resolve("no-routing.yml")),
                    claims, deliveries, new ReleasedClaimCache(10));
        }

        @Override
        public long release(CodedEncounter encounter, String claimId, int frequency, String originalClaimId,
                            long encounterId, Long messageId) {
            if (failing) {
                throw new IllegalStateException("store went away mid-message");
            }
            return super.release(encounter, claimId, frequency, originalClaimId, encounterId, messageId);
        }
    }

    private static StoredMessage stored(long id) {
        return new StoredMessage(id, "MLLP", "ACME_EAST", "EPIC", "ACME_EAST", "C" + id, "ADT", "A04", "2.5.1", "sha",
                Instant.now(), MessageStatus.RECEIVED, Instant.now(), null, false, 0, null, new byte[0]);
    }

    private static NormalizedMessage office(String name) {
        return Samples.HL7.normalize(Samples.read("delivery/" + name + ".hl7").replace("\n", "\r"), "ACME_EAST");
    }

    /** One message as a run of its own, as a lane with one message does it. */
    private static void run(EncounterProcessor processor, StoredMessage m, NormalizedMessage nm) {
        run(processor, new StoredMessage[] {m}, new NormalizedMessage[] {nm});
    }

    private static void run(EncounterProcessor processor, StoredMessage[] ms, NormalizedMessage[] nms) {
        MessageHandler.Run<NormalizedMessage> run = processor.startRun();
        for (int i = 0; i < ms.length; i++) {
            try {
                run.apply(ms[i], nms[i]);
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        run.finish();
    }

    JdbcTemplate jdbc;
    TransactionTemplate tx;
    ClaimStore claims;
    LedgerStore ledgers;
    FlakyRelease release;
    EncounterProcessor processor;

    private void open() throws Exception {
        ds = TestDatabases.h2(dir);
        jdbc = new JdbcTemplate(ds);
        SqlDialect dialect = SqlDialect.of(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        claims = new ClaimStore(jdbc, dialect);
        ledgers = new LedgerStore(jdbc, dialect);
        release = new FlakyRelease(claims, new DeliveryStore(jdbc, dialect), dir);
        processor = new EncounterProcessor(Samples.HL7, new FhirInboundNormalizer(Samples.MAPPINGS),
                new EncounterLedger(LedgerPolicy.of(Duration.ZERO)), ledgers, release, tx, Clock.systemUTC(),
                new FhirResourceStore(ds, dialect), new LedgerStateCache(16));
    }

    @Test
    void aMessageRolledBackAfterItsStateWasCachedIsAppliedWhenRetried() throws Exception {
        open();
        NormalizedMessage a04 = office("office_a04");
        NormalizedMessage p03 = office("office_p03");
        tx.executeWithoutResult(s -> run(processor, stored(1), a04));

        release.failing = true;
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> run(processor, stored(2), p03)))
                .hasMessageContaining("mid-message");

        release.failing = false;
        tx.executeWithoutResult(s -> run(processor, stored(2), p03));

        long encounterId = jdbc.queryForObject("SELECT id FROM encounter", Long.class);
        assertThat(claims.byEncounter(encounterId)).as("the retried charges were billed").hasSize(1);
        assertThat(ledgers.stateJson(encounterId)).contains("\"DLV-OFFICE\"").contains("99213");
    }

    @Test
    void aVisitsMessagesInOneRunWriteItsRowOnce() throws Exception {
        open();
        tx.executeWithoutResult(s -> run(processor, new StoredMessage[] {stored(1), stored(2)},
                new NormalizedMessage[] {office("office_a04"), office("office_p03")}));
        long encounterId = jdbc.queryForObject("SELECT id FROM encounter", Long.class);
        assertThat(jdbc.queryForObject("SELECT version FROM encounter", Integer.class))
                .as("one INSERT with the state after both messages, no per-message UPDATE").isEqualTo(1);
        assertThat(claims.byEncounter(encounterId)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT last_message_id FROM encounter", Long.class)).isEqualTo(2L);
    }

    @Test
    void aRunOnAStateChangedUnderItIsRolledBackAndRedoneFromTheRow() throws Exception {
        open();
        NormalizedMessage a04 = office("office_a04");
        tx.executeWithoutResult(s -> run(processor, stored(1), a04));
        // another writer (a second engine, an operator) saves the visit: the remembered state is stale
        jdbc.update("UPDATE encounter SET state_token = state_token + 1");

        NormalizedMessage p03 = office("office_p03");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> run(processor, stored(2), p03)))
                .isInstanceOf(MessageHandler.RunConflict.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).as("rolled back").isZero();

        tx.executeWithoutResult(s -> run(processor, stored(2), p03));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).as("redone from the row").isEqualTo(1);
    }
}
