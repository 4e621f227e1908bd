package io.claimbridge.app;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A stage worker's life: one daemon thread doing rounds; after a round with nothing to do it waits
 * for {@link #wake()} or the idle interval; a failed round is logged and retried a second later;
 * stop waits for the round in progress.
 */
public abstract class BackgroundLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration idle;
    private final boolean enabled;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    BackgroundLoop(String name, Duration idle, boolean enabled) {
        this.name = name;
        this.idle = idle;
        this.enabled = enabled;
    }

    /** One round of work; true when it did something (the next round starts at once). */
    protected abstract boolean round() throws InterruptedException;

    /** Runs on the worker thread before the first round (e.g. recovering what a crash left). */
    protected void beforeFirstRound() {
    }

    /** Runs after the thread has been asked to stop. */
    protected void afterStop() {
    }

    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            beforeFirstRound();
        } catch (RuntimeException e) {
            log.error("{}: start-up recovery failed; it is tried again at the next start", name, e);
        }
        while (running) {
            try {
                if (!round()) {
                    signal.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{}: round failed; retrying in 1 s", name, e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        signal.release();
        afterStop();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
