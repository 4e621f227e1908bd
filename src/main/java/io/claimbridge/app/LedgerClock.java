package io.claimbridge.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.claimbridge.store.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases claims whose time has come without a new message: a bill hold that has passed, a
 * professional date of service that has closed. Each visit carries the time it is next due (set
 * with every state the ledger saves); on each tick the clock evaluates only the visits due by now,
 * so idle open visits cost nothing however many there are.
 */
public class LedgerClock extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(LedgerClock.class);

    private final LedgerStore ledgers;
    private final EncounterProcessor processor;

    public LedgerClock(LedgerStore ledgers, EncounterProcessor processor, Duration tick, boolean enabled) {
        super("ledger-clock", tick, enabled);
        this.ledgers = ledgers;
        this.processor = processor;
    }

    /** Evaluates the visits due by now, a thousand at a time; waits a tick once none are left. */
    @Override
    protected boolean round() {
        int released = 0;
        List<LedgerStore.DueVisit> due;
        int pages = 0;
        do {
            due = ledgers.due(Instant.now(), 1000);
            for (LedgerStore.DueVisit v : due) {
                released += processor.tick(v.sender(), v.visitKey());
            }
        } while (due.size() == 1000 && ++pages < 100); // each tick moves a visit's due time on; the cap is a safety net
        if (released > 0) {
            log.info("ledger clock released {} claims", released);
        }
        return false;
    }
}
