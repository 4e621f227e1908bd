package io.claimbridge.app;

import io.claimbridge.store.StoredMessage;

/** The processing stage applied to each stored message; throws to mark it ERROR with the reason. */
public interface MessageHandler {
    void handle(StoredMessage message) throws Exception;
}
