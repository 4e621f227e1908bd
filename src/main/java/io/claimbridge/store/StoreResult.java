package io.claimbridge.store;

/**
 * Outcome of a store request: the id of the row that holds the message, whether it was a
 * resend of an already stored message (nothing written), and whether its control id was
 * already used by a different message from the same sender.
 */
public record StoreResult(long id, boolean resend, boolean duplicateId) {
}
