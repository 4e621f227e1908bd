package io.claimbridge.app;

import io.claimbridge.store.StoredMessage;

/**
 * The processing stage in two steps: {@link #prepare} is pure and may run for many messages in
 * parallel (parsing, mapping); a {@link Run} applies the messages of one lane one at a time in
 * arrival order, inside one transaction, so the messages about one visit change its ledger in the
 * order they came. {@code prepare} or {@code apply} throws to mark the message ERROR with the reason.
 */
public interface MessageHandler<P> {
    P prepare(StoredMessage message) throws Exception;

    /** Starts applying one lane's messages (one transaction); the caller ends it with {@link Run#finish}. */
    Run<P> startRun();

    /** What must stay in order: prepared messages with equal keys are applied one after the other (null: any lane). */
    default Object laneKey(P prepared) {
        return null;
    }

    /** One lane's messages in one transaction. */
    @FunctionalInterface
    interface Run<P> {
        void apply(StoredMessage message, P prepared) throws Exception;

        /** Writes what {@code apply} deferred to the end of the run, still inside its transaction. */
        default void finish() {
        }
    }

    /**
     * The run worked on a state someone else has changed since (another engine, the ledger clock, a
     * transaction that rolled back): the whole run is rolled back and its messages processed again,
     * which is not their failure.
     */
    final class RunConflict extends RuntimeException {
        public RunConflict(String message) {
            super(message);
        }
    }
}
