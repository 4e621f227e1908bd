package io.claimbridge.app;

import java.time.Duration;

import io.claimbridge.store.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Releases claims whose time has come without a new message: a bill hold that has passed, a
 * professional date of service that has closed. Open and discharged visits are re-evaluated on
 * a fixed tick.
 */
public class LedgerClock implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LedgerClock.class);

    private final LedgerStore ledgers;
    private final EncounterProcessor processor;
    private final Duration tick;
    private final boolean enabled;
    private volatile boolean running;
    private Thread thread;

    public LedgerClock(LedgerStore ledgers, EncounterProcessor processor, Duration tick, boolean enabled) {
        this.ledgers = ledgers;
        this.processor = processor;
        this.tick = tick;
        this.enabled = enabled;
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "ledger-clock");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(tick.toMillis());
                int released = 0;
                for (String status : new String[] {"DISCHARGED", "OPEN"}) {
                    for (LedgerStore.EncounterRow row : ledgers.inStatus(status, 1000)) {
                        released += processor.tick(row);
                    }
                }
                if (released > 0) {
                    log.info("ledger clock released {} claims", released);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("ledger clock tick failed", e);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
