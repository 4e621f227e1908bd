package io.claimbridge.app;

import io.claimbridge.store.StoredMessage;

/**
 * The processing stage in two steps: {@link #prepare} is pure and may run for many messages in
 * parallel (parsing, mapping); {@link #apply} runs the messages of one {@link #laneKey} one at a
 * time in arrival order, so the messages about one visit change its ledger in the order they came. Either throws to mark the
 * message ERROR with the reason.
 */
public interface MessageHandler<P> {
    P prepare(StoredMessage message) throws Exception;

    void apply(StoredMessage message, P prepared) throws Exception;

    /** What must stay in order: prepared messages with equal keys are applied one after the other (null: any lane). */
    default Object laneKey(P prepared) {
        return null;
    }
}
