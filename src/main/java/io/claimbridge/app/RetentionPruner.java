package io.claimbridge.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.claimbridge.store.RetentionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirth's "data pruner" for message content: every interval, removes the raw bytes (and FHIR
 * bodies) of PROCESSED messages received more than the retention period ago, batch by batch, and
 * logs one line of counts. Metadata, claims, ledger and deliveries are never touched.
 */
public class RetentionPruner extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

    private final RetentionStore store;
    private final Duration period;
    private final int batchSize;
    private final Clock clock;
    private volatile boolean stopping;

    /** What one run removed. */
    public record Run(Instant receivedBefore, int messages, int resources, int batches) {
    }

    public RetentionPruner(RetentionStore store, RetentionProperties props, Clock clock) {
        super("retention-pruner", props.interval(), props.enabled());
        this.store = store;
        this.period = props.messageContent();
        this.batchSize = props.batchSize();
        this.clock = clock;
    }

    @Override
    protected boolean round() {
        pruneOnce();
        return false; // next run after the interval, even when stopped early
    }

    @Override
    public void start() {
        stopping = false;
        super.start();
    }

    @Override
    protected void afterStop() {
        stopping = true; // a long first run ends after its current batch
    }

    /** Prunes everything older than now − period, one committed batch at a time. */
    public Run pruneOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(period);
        int messages = 0;
        int resources = 0;
        int batches = 0;
        RetentionStore.PrunedBatch b;
        do {
            b = store.pruneBatch(cutoff, now, batchSize);
            messages += b.messages();
            resources += b.resources();
            batches++;
        } while (b.more() && !stopping);
        Run run = new Run(cutoff, messages, resources, batches);
        // counts only: nothing here identifies a patient
        log.info("retention: removed the content of {} messages and {} FHIR resources received before {} ({} batches)",
                run.messages(), run.resources(), run.receivedBefore(), run.batches());
        return run;
    }
}
