package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.NewMessage;
import io.claimbridge.store.SqlDialect;
import io.claimbridge.store.StoredMessage;
import io.claimbridge.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Ledger lanes: visits are applied side by side, one visit's messages strictly in arrival order. */
class ProcessingLanesTest {
    @TempDir
    Path dir;
    HikariDataSource ds;
    MessageStore store;

    /** Raw content "visit|sequence"; the handler records who applied what, in which order. */
    record Step(String visit, int seq) {
    }

    final List<Step> applied = new CopyOnWriteArrayList<>();
    final Map<String, Set<String>> threadsByVisit = new ConcurrentHashMap<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final Set<String> lanesSeen = ConcurrentHashMap.newKeySet();
    final java.util.concurrent.CyclicBarrier bothLanes = new java.util.concurrent.CyclicBarrier(2);

    final MessageHandler<Step> handler = new MessageHandler<>() {
        @Override
        public Step prepare(StoredMessage m) {
            String[] p = new String(m.raw(), StandardCharsets.UTF_8).split("\\|");
            return new Step(p[0], Integer.parseInt(p[1]));
        }

        @Override
        public Run<Step> startRun() {
            return this::apply;
        }

        private void apply(StoredMessage m, Step s) throws Exception {
            // The first two lanes wait for each other: run one after the other, they would time out here.
            if (lanesSeen.add(Thread.currentThread().getName()) && lanesSeen.size() <= 2) {
                bothLanes.await(20, java.util.concurrent.TimeUnit.SECONDS);
            }
            if (s.visit().equals("BAD") && s.seq() == 3) {
                throw new IllegalArgumentException("bad charge line");
            }
            if (s.visit().equals("COMMIT-FAILS")) {
                failCommit.set(true);
            }
            if (s.visit().equals("CONFLICT") && conflicts.getAndIncrement() == 0) {
                throw new RunConflict("state changed under the run");
            }
            applied.add(s);
            threads.add(Thread.currentThread().getName());
            threadsByVisit.computeIfAbsent(s.visit(), k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
        }

        @Override
        public Object laneKey(Step s) {
            return s.visit();
        }
    };
    final ThreadLocal<Boolean> failCommit = ThreadLocal.withInitial(() -> false);
    final java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        ds = TestDatabases.h2(dir);
        store = new MessageStore(ds);
    }

    @AfterEach
    void tearDown() {
        ds.close();
    }

    private void storeAll(List<String> raws) throws Exception {
        try (GroupCommitWriter w = new GroupCommitWriter(ds, SqlDialect.of(ds), 64, 1024)) {
            int n = 0;
            for (String raw : raws) {
                w.submit(NewMessage.received("TEST", "lanes", "APP", "FAC", "C" + n++, "ADT", "A08", "2.5.1",
                        raw.getBytes(StandardCharsets.UTF_8), "sha" + n, Instant.now())).get();
            }
        }
    }

    private ProcessingWorker worker() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        return new ProcessingWorker(store, handler, true, 2, work -> tx.executeWithoutResult(s -> {
            failCommit.set(false);
            work.run();
            if (failCommit.get()) {
                throw new IllegalStateException("commit failed");
            }
        }), () -> false);
    }

    @Test
    void visitsRunSideBySideAndEachVisitKeepsItsOrder() throws Exception {
        List<String> raws = new ArrayList<>();
        for (int seq = 0; seq < 20; seq++) {
            for (int v = 0; v < 10; v++) {
                raws.add("V" + v + "|" + seq);
            }
        }
        for (int seq = 0; seq < 6; seq++) {
            raws.add("BAD|" + seq);
        }
        storeAll(raws);

        ProcessingWorker worker = worker();
        while (worker.round()) {
            // until nothing is RECEIVED
        }

        Map<String, List<Integer>> order = applied.stream().collect(Collectors.groupingBy(Step::visit,
                Collectors.mapping(Step::seq, Collectors.toList())));
        for (int v = 0; v < 10; v++) {
            assertThat(order.get("V" + v)).as("visit V%d in arrival order", v).isSorted().hasSize(20);
        }
        assertThat(order.get("BAD")).containsExactly(0, 1, 2, 4, 5);
        threadsByVisit.values().forEach(t -> assertThat(t).as("one visit, one lane").hasSize(1));
        assertThat(threads).as("lanes ran side by side (they met at the barrier)").hasSizeGreaterThan(1);

        List<StoredMessage> errors = store.oldestIn(MessageStatus.ERROR, 0, 100);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).error()).isEqualTo("bad charge line");
        assertThat(store.oldestIn(MessageStatus.PROCESSED, 0, 1000)).hasSize(raws.size() - 1);
    }

    @Test
    void aLaneWhoseCommitFailsGoesBackInLineWhileTheOthersAreDone() throws Exception {
        List<String> raws = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            raws.add("V" + v + "|0");
        }
        raws.add("COMMIT-FAILS|0");
        storeAll(raws);

        assertThatThrownBy(worker()::round).hasMessageContaining("commit failed");

        List<StoredMessage> waiting = store.oldestIn(MessageStatus.RECEIVED, 0, 100);
        assertThat(waiting).extracting(m -> new String(m.raw(), StandardCharsets.UTF_8)).contains("COMMIT-FAILS|0");
        List<StoredMessage> processed = store.oldestIn(MessageStatus.PROCESSED, 0, 100);
        assertThat(processed.size() + waiting.size()).isEqualTo(raws.size());
        assertThat(processed).isNotEmpty();
    }

    @Test
    void aLaneInConflictIsRolledBackAndRedoneNotFailed() throws Exception {
        List<String> raws = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            raws.add("V" + v + "|0");
        }
        raws.add("CONFLICT|0");
        raws.add("CONFLICT|1");
        storeAll(raws);

        ProcessingWorker worker = worker();
        assertThat(worker.round()).isTrue();
        List<StoredMessage> waiting = store.oldestIn(MessageStatus.RECEIVED, 0, 100);
        assertThat(waiting).as("the conflicting lane's messages, rolled back")
                .extracting(m -> new String(m.raw(), StandardCharsets.UTF_8)).contains("CONFLICT|0", "CONFLICT|1");

        while (worker.round()) {
            // until nothing is RECEIVED
        }
        assertThat(store.oldestIn(MessageStatus.ERROR, 0, 100)).isEmpty();
        assertThat(store.oldestIn(MessageStatus.PROCESSED, 0, 100)).hasSize(raws.size());
        assertThat(applied.stream().filter(st -> st.visit().equals("CONFLICT")).map(Step::seq)).containsExactly(0, 1);
    }
}
