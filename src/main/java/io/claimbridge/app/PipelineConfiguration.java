package io.claimbridge.app;

import java.io.IOException;
import java.time.Clock;

import javax.sql.DataSource;

import io.claimbridge.coding.attach.Chargemaster;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.delivery.routing.RoutingLoader;
import io.claimbridge.delivery.routing.RoutingTable;
import io.claimbridge.normalize.fhir.FhirInboundNormalizer;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerPolicy;
import io.claimbridge.normalize.mapping.MappingLoader;
import io.claimbridge.normalize.mapping.Mappings;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.ControlNumberStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.LedgerStore;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.SqlDialect;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Normalize → ledger → code → route: configuration files are read once here, at start-up. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    Mappings mappings(ClaimbridgeProperties props) {
        return MappingLoader.load(props.mappingsDir());
    }

    @Bean
    CodeSets codeSets(ClaimbridgeProperties props) throws IOException {
        return ConformanceLoader.load(props.conformanceDir(), props.cptFile());
    }

    @Bean
    ClaimEditor claimEditor(CodeSets sets) {
        return new ClaimEditor(sets);
    }

    @Bean
    CodeAttacher codeAttacher(ClaimbridgeProperties props) throws IOException {
        var csv = props.mappingsDir().resolve("chargemaster.csv");
        return new CodeAttacher(java.nio.file.Files.exists(csv) ? Chargemaster.read(csv) : Chargemaster.empty());
    }

    @Bean
    RoutingTable routingTable(ClaimbridgeProperties props) {
        return new RoutingLoader(props.dataDir(), System::getenv).loadOrDefault(props.routingFile());
    }

    @Bean
    LedgerStore ledgerStore(DataSource ds, SqlDialect dialect, FlywayMigrationInitializer migrated) {
        return new LedgerStore(new JdbcTemplate(ds), dialect);
    }

    @Bean
    ClaimStore claimStore(DataSource ds, SqlDialect dialect, FlywayMigrationInitializer migrated) {
        return new ClaimStore(new JdbcTemplate(ds), dialect);
    }

    @Bean
    DeliveryStore deliveryStore(DataSource ds, SqlDialect dialect, FlywayMigrationInitializer migrated) {
        return new DeliveryStore(new JdbcTemplate(ds), dialect);
    }

    @Bean
    ControlNumberStore controlNumberStore(DataSource ds, FlywayMigrationInitializer migrated) {
        return new ControlNumberStore(new JdbcTemplate(ds));
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager tm) {
        return new TransactionTemplate(tm);
    }

    @Bean
    ClaimRelease claimRelease(CodeAttacher attacher, ClaimEditor editor, RoutingTable routing, ClaimStore claims,
                              DeliveryStore deliveries, ReleasedClaimCache released) {
        return new ClaimRelease(attacher, editor, routing, claims, deliveries, released);
    }

    /**
     * Released claims on their way to delivery: a few batches' worth (~35 KB each, so a destination
     * that is down for hours cannot grow it past ~70 MB); a miss decodes the stored Bundle.
     */
    @Bean
    ReleasedClaimCache releasedClaimCache() {
        return new ReleasedClaimCache(2000);
    }

    @Bean
    ClaimCorrection claimCorrection(ClaimStore claims, ClaimRelease release, TransactionTemplate tx) {
        return new ClaimCorrection(claims, release, tx);
    }

    @Bean
    PayerClaimNumbers payerClaimNumbers(ClaimStore claims, ClaimCorrection correction, TransactionTemplate tx) {
        return new PayerClaimNumbers(claims, correction, tx);
    }

    @Bean
    EncounterProcessor encounterProcessor(Mappings mappings, LedgerStore ledgerStore, ClaimRelease release,
                                          TransactionTemplate tx, ClaimbridgeProperties props,
                                          io.claimbridge.store.FhirResourceStore resources) {
        return new EncounterProcessor(new Hl7v2Normalizer(mappings), new FhirInboundNormalizer(mappings),
                new EncounterLedger(LedgerPolicy.of(props.billHold())), ledgerStore, release, tx, Clock.systemUTC(), resources,
                new LedgerStateCache(Math.max(1, props.processing().cachedStates())));
    }

    @Bean
    ProcessingWorker processingWorker(MessageStore store, EncounterProcessor processor, ClaimbridgeProperties props,
                                      TransactionTemplate tx, io.claimbridge.store.GroupCommitWriter writer) {
        return new ProcessingWorker(store, processor, props.processing().enabled(), props.processing().threads(),
                work -> tx.executeWithoutResult(status -> work.run()),
                () -> writer.busyWithin(java.time.Duration.ofMillis(100)));
    }

    @Bean
    LedgerClock ledgerClock(LedgerStore ledgers, EncounterProcessor processor, ClaimbridgeProperties props) {
        return new LedgerClock(ledgers, processor, props.ledgerTick(), props.processing().enabled());
    }
}
