package io.claimbridge.app;

import java.time.Duration;

import io.claimbridge.store.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases claims whose time has come without a new message: a bill hold that has passed, a
 * professional date of service that has closed. Open and discharged visits are re-evaluated on
 * a fixed tick.
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

    /** Re-evaluates open and discharged visits; always waits a tick before the next round. */
    @Override
    protected boolean round() {
        int released = 0;
        for (String status : new String[] {"DISCHARGED", "OPEN"}) {
            for (LedgerStore.EncounterRow row : ledgers.inStatus(status, 1000)) {
                released += processor.tick(row);
            }
        }
        if (released > 0) {
            log.info("ledger clock released {} claims", released);
        }
        return false;
    }
}
