package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.claimbridge.delivery.retry.RetryPolicy;
import io.claimbridge.delivery.routing.BatchPolicy;
import io.claimbridge.delivery.routing.DeliveryFormat;
import io.claimbridge.delivery.routing.Destination;
import io.claimbridge.delivery.routing.RoutingTable;
import io.claimbridge.delivery.routing.Transport;
import io.claimbridge.delivery.routing.X12Partner;
import io.claimbridge.delivery.x12.ClaimFixture;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.ControlNumberStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.LedgerStore;
import io.claimbridge.store.SqlDialect;
import io.claimbridge.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker over real stores (H2 and PostgreSQL) and a real drop folder: batching, rejected claims,
 * persisted control numbers, and what start-up does with a batch a crash left SENDING.
 */
class DeliveryWorkerTest {
    @TempDir
    Path tmp;
    private HikariDataSource ds;
    private boolean postgres;
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private DeliveryStore deliveries;
    private ClaimStore claims;
    private LedgerStore ledger;
    private Path outbox;
    private RoutingTable routing;
    private final List<String> payerNumbers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void open(String db) {
        postgres = db.equals("postgresql");
        ds = postgres ? TestDatabases.postgres() : TestDatabases.h2(tmp);
        jdbc = new JdbcTemplate(ds);
        SqlDialect dialect = SqlDialect.of(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        deliveries = new DeliveryStore(jdbc, dialect);
        claims = new ClaimStore(jdbc, dialect);
        ledger = new LedgerStore(jdbc, dialect);
        outbox = tmp.resolve("outbox");
        Destination ch = new Destination("ch", DeliveryFormat.AUTO, new Transport.FileDrop(outbox), X12Partner.DEFAULT,
                new BatchPolicy(2, Duration.ofHours(1)), RetryPolicy.DEFAULT);
        routing = new RoutingTable(Map.of(), List.of(ch), Map.of("ch", ch));
    }

    @AfterEach
    void close() {
        if (postgres) {
            TestDatabases.dropPostgresSchema(ds);
        } else if (ds != null) {
            ds.close();
        }
    }

    private DeliveryWorker worker(Clock clock) {
        BatchSender sender = new BatchSender(deliveries, claims, new DeliveryTransports(Duration.ofSeconds(5)),
                ZoneId.of("UTC"), tx, clock, new SplittableRandom(7), new ReleasedClaimCache(100),
                (pk, number, actor) -> payerNumbers.add(pk + " " + number.value() + " " + actor));
        return new DeliveryWorker(deliveries, claims, new ControlNumberStore(jdbc), routing, sender, tx, clock,
                Duration.ofMillis(100));
    }

    /** A released claim with its delivery row, as ClaimRelease leaves it. */
    private long release(CodedEncounter e, String claimId) {
        return release(e, claimId, "ch");
    }

    private long release(CodedEncounter e, String claimId, String destination) {
        return tx.execute(s -> {
            long enc = ledger.insert("test", "V-" + claimId, "OPEN", "{}", null, null, null);
            long pk = claims.insert(new ClaimStore.NewClaim(claimId, enc, null, "professional", "1", null, "P1",
                    "RELEASED", FhirR4.json().encodeResourceToString(e.toBundle()), "{}", 0, 0), "test");
            return deliveries.create(pk, destination, "837P");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anInsurersClaimResponseGivesThePayersClaimNumber(String db) throws Exception {
        open(db);
        int port = AppTestSupport.freePort();
        try (InsurerServer server = InsurerServer.start(new RecordingInsurer(), port, tmp.resolve("insurer"))) {
            Destination insurer = new Destination("insurer", DeliveryFormat.FHIR_CLAIM, new Transport.Fhir(
                    URI.create("http://127.0.0.1:" + port + "/test-insurer"), Transport.FhirMode.SUBMIT,
                    new Transport.Auth.Bearer(RecordingInsurer.TOKEN)), X12Partner.DEFAULT,
                    new BatchPolicy(1, Duration.ofSeconds(1)), RetryPolicy.DEFAULT);
            routing = new RoutingTable(Map.of(), List.of(insurer), Map.of("insurer", insurer));
            long delivery = release(ClaimFixture.professional().id("ICN1").build(), "ICN1", "insurer");
            DeliveryWorker w = worker(Clock.systemUTC());
            for (int i = 0; i < 50 && !deliveries.get(delivery).orElseThrow().status().equals("ACCEPTED"); i++) {
                w.sendDueBatches();
                Thread.sleep(20);
            }
            DeliveryStore.DeliveryRow row = deliveries.get(delivery).orElseThrow();
            assertThat(row.status()).as(row.lastError()).isEqualTo("ACCEPTED");
            // the insurer's number, not the echo of our claim id that follows it
            assertThat(payerNumbers).singleElement().asString().matches(row.claimPk() + " ICN-\\d+ insurer:insurer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void unreachableGoesDeadAfterTheLimitRefusedIsErrorAtOnce(String db) throws Exception {
        open(db);
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0.0);
        BatchPolicy one = new BatchPolicy(1, Duration.ofSeconds(1));
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(400, -1);
            ex.close();
        });
        refusing.start();
        try {
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            Destination down = new Destination("down", DeliveryFormat.AUTO, new Transport.HttpPost(
                    URI.create("http://127.0.0.1:" + closed + "/claims"), new Transport.Auth.None()), X12Partner.DEFAULT,
                    one, quick);
            Destination strict = new Destination("strict", DeliveryFormat.AUTO, new Transport.HttpPost(
                    URI.create("http://127.0.0.1:" + refusing.getAddress().getPort() + "/claims"),
                    new Transport.Auth.None()), X12Partner.DEFAULT, one, quick);
            routing = new RoutingTable(Map.of(), List.of(down, strict), Map.of("down", down, "strict", strict));
            long lost = release(ClaimFixture.professional().id("L").build(), "L", "down");
            long refused = release(ClaimFixture.professional().id("R").build(), "R", "strict");
            DeliveryWorker w = worker(Clock.systemUTC());
            for (int i = 0; i < 50 && !deliveries.get(lost).orElseThrow().status().equals("DEAD"); i++) {
                w.sendDueBatches();
                Thread.sleep(20);
            }
            assertThat(deliveries.get(lost).orElseThrow().status()).isEqualTo("DEAD");
            assertThat(deliveries.attempts(lost)).extracting(DeliveryStore.Attempt::outcome)
                    .containsExactly("FAILED", "FAILED", "DEAD");
            assertThat(deliveries.get(lost).orElseThrow().lastError()).contains("gave up after 3 attempts");
            String key = deliveries.get(lost).orElseThrow().batchKey();
            assertThat(key).as("every retry was the same interchange").isEqualTo("down-000000001.837");
            assertThat(deliveries.get(refused).orElseThrow().status()).isEqualTo("ERROR");
            assertThat(deliveries.attempts(refused)).extracting(DeliveryStore.Attempt::outcome).containsExactly("ERROR");
            assertThat(deliveries.get(refused).orElseThrow().lastError()).contains("HTTP 400");

            // The operator retries the dead letter once the destination is back: the same send goes out.
            List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
            HttpServer back = HttpServer.create(new InetSocketAddress("127.0.0.1", closed), 0);
            back.createContext("/", ex -> {
                keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(202, -1);
                ex.close();
            });
            back.start();
            try {
                assertThat(deliveries.requeue(lost, "op")).isEqualTo(1);
                assertThat(w.sendDueBatches()).isEqualTo(1);
                assertThat(deliveries.get(lost).orElseThrow().status()).isEqualTo("SENT");
                assertThat(keys).containsExactly("down-000000001.837");
            } finally {
                back.stop(0);
            }
        } finally {
            refusing.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void fullBatchesGoAtOnceRejectedClaimsNeverReachAFileAndTheRestWaitsForMaxWait(String db) throws Exception {
        open(db);
        long a = release(ClaimFixture.professional().id("A").build(), "A");
        long bad = release(ClaimFixture.professional().id("B").billingNpi("1234567890").build(), "B");
        long c = release(ClaimFixture.professional().id("C").build(), "C");
        long d = release(ClaimFixture.professional().id("D").build(), "D");
        long e = release(ClaimFixture.professional().id("E").build(), "E");

        assertThat(worker(Clock.systemUTC()).sendDueBatches()).isEqualTo(2);
        assertThat(deliveries.get(bad).orElseThrow().status()).isEqualTo("ERROR");
        assertThat(deliveries.get(bad).orElseThrow().lastError()).contains("NPI");
        assertThat(DeliveryTestFiles.interchanges(outbox)).extracting(p -> p.getFileName().toString())
                .containsExactly("ch-000000001.837", "ch-000000002.837");
        assertThat(DeliveryTestFiles.claimIds(List.of(outbox.resolve("ch-000000001.837")))).containsExactly("A");
        assertThat(DeliveryTestFiles.claimIds(List.of(outbox.resolve("ch-000000002.837")))).containsExactly("C", "D");
        assertThat(deliveries.get(a).orElseThrow().interchangeControl()).isEqualTo("000000001");
        assertThat(deliveries.get(d).orElseThrow().batchKey()).isEqualTo("ch-000000002.837");
        assertThat(deliveries.get(e).orElseThrow().status()).as("alone, within max wait").isEqualTo("PENDING");
        assertThat(claims.get(deliveries.get(c).orElseThrow().claimPk()).orElseThrow().status()).isEqualTo("DELIVERED");
        assertThat(claims.get(deliveries.get(bad).orElseThrow().claimPk()).orElseThrow().status()).isEqualTo("RELEASED");

        assertThat(worker(Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).sendDueBatches()).isEqualTo(1);
        assertThat(deliveries.get(e).orElseThrow().batchKey()).isEqualTo("ch-000000003.837");
        assertThat(deliveries.attempts(e)).extracting(DeliveryStore.Attempt::outcome).containsExactly("SENT");

        // The operator's retry of the refused claim: a new batch, new numbers.
        assertThat(deliveries.requeue(a, "op")).as("SENT cannot be requeued").isZero();
        assertThat(deliveries.requeue(bad, "op")).isEqualTo(1);
        assertThat(deliveries.get(bad).orElseThrow().status()).isEqualTo("PENDING");
        assertThat(deliveries.get(bad).orElseThrow().batchKey()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBatchACrashLeftSendingIsFoundAtTheDestinationOrResentByteForByte(String db) throws Exception {
        open(db);
        long a = release(ClaimFixture.professional().id("A").sourceTransactions(1, "FT-A1").build(), "A");
        long b = release(ClaimFixture.professional().id("B").build(), "B");
        assertThat(worker(Clock.systemUTC()).sendDueBatches()).isEqualTo(1);
        Path file = outbox.resolve("ch-000000001.837");
        byte[] sent = Files.readAllBytes(file);
        // Line item control numbers come from the stored claim, so a re-render repeats them.
        assertThat(new String(sent, StandardCharsets.US_ASCII))
                .contains("~REF*6R*FT-A1~").contains("~REF*6R*A-2~").contains("~REF*6R*B-1~").contains("~REF*6R*B-2~");

        // Crash after the file landed, before SENT was recorded: found, not written again.
        jdbc.update("UPDATE delivery SET status = 'SENDING' WHERE id IN (?, ?)", a, b);
        long modified = Files.getLastModifiedTime(file).toMillis();
        Thread.sleep(20);
        worker(Clock.systemUTC()).recoverInterrupted();
        assertThat(deliveries.get(a).orElseThrow().status()).isEqualTo("SENT");
        assertThat(deliveries.attempts(a)).extracting(DeliveryStore.Attempt::error).last().isEqualTo("already at destination");
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);

        // Crash before the file landed: the same interchange (ISA13, GS06, ST02, time) goes out again.
        jdbc.update("UPDATE delivery SET status = 'SENDING' WHERE id IN (?, ?)", a, b);
        Files.delete(file);
        worker(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(7))).recoverInterrupted();
        assertThat(Files.readAllBytes(file)).isEqualTo(sent);
        assertThat(DeliveryTestFiles.interchanges(outbox)).hasSize(1);
        assertThat(deliveries.get(b).orElseThrow().status()).isEqualTo("SENT");
    }
}
