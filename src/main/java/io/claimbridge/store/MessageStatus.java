package io.claimbridge.store;

/** Lifecycle of a stored message; later stages add their own statuses. */
public enum MessageStatus {
    RECEIVED, PROCESSING, PROCESSED, ERROR, HELD, DELIVERED, DEAD
}
