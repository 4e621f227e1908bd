package io.claimbridge.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves stored messages RECEIVED → PROCESSED/ERROR. The store is the queue: a lane's ledger
 * changes and its PROCESSED marks commit together, so what is RECEIVED after a crash is simply
 * picked up again (a PROCESSING mark left by an older release goes back to RECEIVED at start).
 * Ingest wakes the worker after each commit so it does not have to poll fast.
 */
public class ProcessingWorker extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(ProcessingWorker.class);
    private static final int BATCH = 500;
    /**
     * While senders wait for ACKs, process in small steps and leave the store and the CPU to ingest
     * between them: on H2 every commit writes all changed pages, so processing transactions would
     * hold up the ACK commits behind them. Once ingest pauses, large steps catch up (few, large
     * commits are what H2 does fastest). Measured both ways: keeping pace during ingest gave no more
     * encounters/s end to end and cost the ACK path most of its throughput.
     */
    private static final int BATCH_WHILE_INGESTING = 10;
    private static final long PAUSE_WHILE_INGESTING_MILLIS = 20;

    private final MessageStore store;
    private final MessageHandler<Object> handler;
    private final ForkJoinPool preparers;
    private final int lanes;
    private final BatchScope scope;
    private final java.util.function.BooleanSupplier ingestBusy;

    /** @param enabled false on an ingest-only node: messages stay RECEIVED for a processing node to take */
    @SuppressWarnings("unchecked")
    public ProcessingWorker(MessageStore store, MessageHandler<?> handler, boolean enabled, int threads,
                            BatchScope scope, java.util.function.BooleanSupplier ingestBusy) {
        super("processing-worker", Duration.ofSeconds(1), enabled);
        this.store = store;
        this.scope = scope;
        this.ingestBusy = ingestBusy;
        this.handler = (MessageHandler<Object>) handler;
        this.preparers = new ForkJoinPool(Math.max(1, threads));
        this.lanes = Math.max(1, threads);
    }

    @Override
    protected void beforeFirstRound() {
        int requeued = store.requeueInterrupted();
        if (requeued > 0) {
            log.info("requeued {} messages interrupted mid-processing", requeued);
        }
    }

    @Override
    protected boolean round() throws InterruptedException {
        // Acknowledging is what senders wait for; processing is asynchronous and can catch up later.
        boolean ingesting = ingestBusy.getAsBoolean();
        List<StoredMessage> batch = store.oldestIn(MessageStatus.RECEIVED, 0, ingesting ? BATCH_WHILE_INGESTING : BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        process(batch);
        if (ingesting) {
            Thread.sleep(PAUSE_WHILE_INGESTING_MILLIS);
        }
        return true;
    }

    private record Prepared(StoredMessage message, Object value, Exception failure) {
    }

    private void process(List<StoredMessage> batch) throws InterruptedException {
        // No PROCESSING mark: a lane's ledger changes and its PROCESSED marks commit together, so a
        // crash leaves its messages RECEIVED with nothing of them applied (one worker takes a batch at a time).
        List<Prepared> prepared = inParallel(() -> batch.parallelStream().map(this::prepare).toList());
        // One visit's messages always land in the same lane, in arrival order; lanes run side by side.
        List<List<Prepared>> lanes = new ArrayList<>();
        for (int i = 0; i < this.lanes; i++) {
            lanes.add(new ArrayList<>());
        }
        for (Prepared p : prepared) {
            Object key = p.failure() == null ? handler.laneKey(p.value()) : null;
            lanes.get(key == null ? 0 : Math.floorMod(key.hashCode(), this.lanes)).add(p);
        }
        List<LaneResult> results = inParallel(() -> lanes.parallelStream().filter(l -> !l.isEmpty()).map(this::applyLane).toList());
        RuntimeException commitFailure = null;
        for (LaneResult r : results) {
            if (r.commitFailure() instanceof MessageHandler.RunConflict conflict) {
                // rolled back: its messages are still RECEIVED and the next round applies them afresh
                log.info("ledger run redone: {}", conflict.getMessage());
                continue;
            }
            if (r.commitFailure() != null) {
                // the lane's commit failed: nothing of it is applied and its messages are still RECEIVED
                commitFailure = r.commitFailure();
                continue;
            }
            for (int i = 0; i < r.failed().size(); i++) {
                fail(r.failed().get(i).message(), r.failures().get(i));
            }
        }
        if (commitFailure != null) {
            throw commitFailure;
        }
    }

    private record LaneResult(List<Prepared> failed, List<Exception> failures, RuntimeException commitFailure) {
    }

    /**
     * Applies one lane's messages in order in one transaction (each message rolls back alone on
     * failure; a {@link MessageHandler.RunConflict} rolls back the whole lane).
     */
    private LaneResult applyLane(List<Prepared> lane) {
        List<Long> done = new ArrayList<>(lane.size());
        List<Prepared> failed = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        try {
            scope.run(() -> {
                MessageHandler.Run<Object> run = handler.startRun();
                for (Prepared p : lane) {
                    Exception failure = p.failure();
                    if (failure == null) {
                        try {
                            run.apply(p.message(), p.value());
                            done.add(p.message().id());
                            continue;
                        } catch (MessageHandler.RunConflict conflict) {
                            throw conflict;
                        } catch (Exception e) {
                            failure = e;
                        }
                    }
                    failed.add(p);
                    failures.add(failure);
                }
                run.finish();
                store.markProcessedInTransaction(done);
            });
        } catch (RuntimeException e) {
            return new LaneResult(List.of(), List.of(), e);
        }
        return new LaneResult(failed, failures, null);
    }

    private <T> T inParallel(java.util.concurrent.Callable<T> work) throws InterruptedException {
        try {
            return preparers.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs a batch's ordered steps together — the engine gives it one database transaction, so many
     * small ledger changes share one commit (each message still rolls back alone on failure).
     */
    @FunctionalInterface
    public interface BatchScope {
        void run(Runnable work);
    }

    private Prepared prepare(StoredMessage m) {
        try {
            return new Prepared(m, handler.prepare(m), null);
        } catch (Exception e) {
            return new Prepared(m, null, e);
        }
    }

    private void fail(StoredMessage m, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() + " at " + where(e) : e.getMessage();
        // the log gets the exception type and code location only: messages may quote content
        log.warn("message {} failed processing: {} at {}", m.id(), e.getClass().getSimpleName(), where(e));
        store.setStatus(List.of(m.id()), MessageStatus.ERROR, reason);
    }

    private static String where(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return st.length == 0 ? "?" : st[0].getClassName() + "." + st[0].getMethodName() + ":" + st[0].getLineNumber();
    }


    @Override
    protected void afterStop() {
        preparers.shutdown();
    }
}
