package io.claimbridge.store;

import java.time.Instant;

/**
 * A row of the message store. {@code raw} is null when a listing did not ask for it, and when
 * retention removed the content ({@code contentPrunedAt} says when).
 */
public record StoredMessage(
        long id,
        String source,
        String sender,
        String sendingApp,
        String sendingFacility,
        String controlId,
        String messageType,
        String triggerEvent,
        String version,
        String contentSha256,
        Instant receivedAt,
        MessageStatus status,
        Instant statusAt,
        String error,
        boolean duplicateId,
        int attempts,
        Instant contentPrunedAt,
        byte[] raw) {
}
