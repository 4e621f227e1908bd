package io.claimbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Ledger, claim, delivery and control-number stores against H2 and PostgreSQL. */
class ClaimPipelineStoresTest {
    @TempDir
    Path tmp;
    private HikariDataSource ds;
    private boolean postgres;

    private JdbcTemplate open(String db) {
        postgres = db.equals("postgresql");
        ds = postgres ? TestDatabases.postgres() : TestDatabases.h2(tmp);
        return new JdbcTemplate(ds);
    }

    @AfterEach
    void close() {
        if (postgres) {
            TestDatabases.dropPostgresSchema(ds);
        } else if (ds != null) {
            ds.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ledgerClaimAndDeliveryRoundTrip(String db) {
        JdbcTemplate jdbc = open(db);
        SqlDialect dialect = SqlDialect.of(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        LedgerStore ledger = new LedgerStore(jdbc, dialect);
        ClaimStore claims = new ClaimStore(jdbc, dialect);
        DeliveryStore deliveries = new DeliveryStore(jdbc, dialect);

        long encounterId = tx.execute(s -> {
            assertThat(ledger.lock("epic", "V100")).isEmpty();
            return ledger.insert("epic", "V100", "OPEN", "{\"a\":1}", 7L, null, null);
        });
        assertThatThrownBy(() -> ledger.insert("epic", "V100", "OPEN", "{}", 8L, null, null))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        LedgerStore.LockedRow again = tx.execute(s -> ledger.lock("epic", "V100").orElseThrow());
        assertThat(again.id()).isEqualTo(encounterId);
        assertThat(again.empty()).isFalse();
        assertThat(ledger.stateJson(encounterId)).isEqualTo("{\"a\":1}");
        assertThat(ledger.find("epic", "V100", false).orElseThrow().lastMessageId()).isEqualTo(7L);

        // a state saved under a token is replaced only by a writer that merged into that same state
        java.time.Instant dueAt = java.time.Instant.parse("2026-04-01T00:00:00Z");
        ledger.save(encounterId, "OPEN", "{\"a\":2}", 8L, 1001L, dueAt);
        assertThat(ledger.saveIfCurrent(encounterId, 999L, "OPEN", "{\"a\":3}", 9L, 1002L, null)).isFalse();
        assertThat(ledger.stateJson(encounterId)).isEqualTo("{\"a\":2}");
        assertThat(ledger.due(dueAt, 10)).extracting(LedgerStore.DueVisit::visitKey).containsExactly("V100");
        assertThat(ledger.due(dueAt.minusSeconds(1), 10)).isEmpty();
        assertThat(ledger.saveIfCurrent(encounterId, 1001L, "OPEN", "{\"a\":3}", 9L, 1002L, null)).isTrue();
        assertThat(ledger.stateJson(encounterId)).isEqualTo("{\"a\":3}");
        assertThat(ledger.due(dueAt, 10)).isEmpty();
        LedgerStore.LockedRow locked = tx.execute(s -> ledger.lock("epic", "V100").orElseThrow());
        assertThat(locked.stateToken()).isEqualTo(1002L);
        assertThat(locked.empty()).isFalse();
        boolean v101 = Boolean.TRUE.equals(tx.execute(s -> ledger.lock("epic", "V101").isPresent()));
        assertThat(v101).isFalse();

        long claimPk = claims.insert(new ClaimStore.NewClaim("CLM1", encounterId, 7L, "institutional", "1", null,
                "60054", "HELD", "{}", "{\"resourceType\":\"OperationOutcome\"}", 1, 2), "system");
        claims.update(claimPk, "{\"x\":2}", "{}", 0, 0, "RELEASED", "coder@hospital", "J18 -> J18.9");
        ClaimStore.ClaimRow c = claims.get(claimPk).orElseThrow();
        assertThat(c.status()).isEqualTo("RELEASED");
        assertThat(c.updatedBy()).isEqualTo("coder@hospital");
        assertThat(c.version()).isEqualTo(1);
        assertThat(claims.events(claimPk)).extracting(ClaimStore.ClaimEvent::action).containsExactly("CREATED", "UPDATED");
        assertThat(claims.byStatus("RELEASED", 10)).hasSize(1);

        long d1 = deliveries.create(claimPk, "clearinghouse", "837I");
        deliveries.create(claimPk, "insurer", "FHIR_CLAIM");
        assertThatThrownBy(() -> deliveries.create(claimPk, "clearinghouse", "837I"))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        List<DeliveryStore.DeliveryRow> due = tx.execute(s -> deliveries.due(List.of("PENDING"), Instant.now(), 10));
        assertThat(due.size()).isEqualTo(2);
        deliveries.markSending(d1, "000000001", "837I-000000001.x12");
        deliveries.markResult(d1, "FAILED", "connection refused", null, Instant.now().plusSeconds(60), true);
        List<DeliveryStore.DeliveryRow> notDue = tx.execute(s -> deliveries.due(List.of("FAILED"), Instant.now(), 10));
        assertThat(notDue.isEmpty()).isTrue();
        deliveries.markResult(d1, "SENT", null, null, null, true);
        assertThat(deliveries.attempts(d1)).extracting(DeliveryStore.Attempt::outcome).containsExactly("FAILED", "SENT");
        assertThat(deliveries.get(d1).orElseThrow().attempts()).isEqualTo(2);
        assertThat(deliveries.list("SENT", "clearinghouse", 10)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void payerClaimNumberIsKeptPerClaimAndFoundForItsReplacements(String db) {
        JdbcTemplate jdbc = open(db);
        SqlDialect dialect = SqlDialect.of(ds);
        LedgerStore ledger = new LedgerStore(jdbc, dialect);
        ClaimStore claims = new ClaimStore(jdbc, dialect);
        long enc = ledger.insert("epic", "V200", "OPEN", "{}", null, null, null);
        long first = claims.insert(new ClaimStore.NewClaim("ACCT-2", enc, null, "professional", "1", null, "60054",
                "DELIVERED", "{}", "{}", 0, 0), "system");
        long again = claims.insert(new ClaimStore.NewClaim("ACCT-2", enc, null, "professional", "1", null, "60054",
                "DELIVERED", "{}", "{}", 0, 0), "system");
        long held = claims.insert(new ClaimStore.NewClaim("ACCT-2-2", enc, null, "professional", "7", "ACCT-2", "60054",
                "HELD", "{}", "{}", 1, 0), "system");
        claims.insert(new ClaimStore.NewClaim("ACCT-2-3", enc, null, "professional", "8", "ACCT-2", "60054",
                "RELEASED", "{}", "{}", 0, 0), "system");

        assertThat(claims.get(first).orElseThrow().payerClaimNumber()).as("V6 column, empty at first").isNull();
        assertThat(claims.payerClaimNumberOf("ACCT-2")).isEmpty();
        assertThat(claims.heldReplacementsOf("ACCT-2")).containsExactly(held);

        claims.setPayerClaimNumber(first, "ICN-OLD", "biller.ann", "payer claim number ICN-OLD");
        assertThat(claims.payerClaimNumberOf("ACCT-2")).contains("ICN-OLD");
        claims.setPayerClaimNumber(again, "ICN-NEW", "insurer:acme", "payer claim number ICN-NEW");
        assertThat(claims.payerClaimNumberOf("ACCT-2")).as("newest row first").contains("ICN-NEW");
        assertThat(claims.payerClaimNumberOf("ACCT-2-2")).isEmpty();

        ClaimStore.ClaimRow row = claims.get(first).orElseThrow();
        assertThat(row.payerClaimNumber()).isEqualTo("ICN-OLD");
        assertThat(row.updatedBy()).isEqualTo("biller.ann");
        assertThat(row.version()).isEqualTo(1);
        assertThat(claims.events(first)).extracting(ClaimStore.ClaimEvent::action)
                .containsExactly("CREATED", "PAYER_CLAIM_NUMBER");
        assertThat(claims.events(first).get(1).actor()).isEqualTo("biller.ann");
        assertThat(claims.byClaimId("ACCT-2")).extracting(ClaimStore.ClaimRow::id).containsExactly(again, first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void controlNumbersAreUniqueAndMonotonicUnderConcurrency(String db) throws Exception {
        JdbcTemplate jdbc = open(db);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        ControlNumberStore numbers = new ControlNumberStore(jdbc);
        assertThat(reserve(tx, numbers, "CH1", 1)).isEqualTo(1L);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Long>> got = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            got.add(pool.submit(() -> reserve(tx, numbers, "CH1", 1)));
        }
        List<Long> values = new ArrayList<>();
        for (Future<Long> f : got) {
            values.add(f.get());
        }
        pool.shutdown();
        assertThat(values).doesNotHaveDuplicates().allMatch(v -> v >= 2 && v <= 121);
        assertThat(reserve(tx, numbers, "CH1", 5)).isEqualTo(122L);
        assertThat(reserve(tx, numbers, "CH1", 1)).isEqualTo(127L);
        assertThat(reserve(tx, numbers, "OTHER", 1)).isEqualTo(1L);
    }

    private static long reserve(TransactionTemplate tx, ControlNumberStore numbers, String partner, int count) {
        Long v = tx.execute(s -> numbers.reserve(partner, "ISA", count));
        return v;
    }
}
