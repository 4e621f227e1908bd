package io.claimbridge.store;

/** Filters for listing messages; null means any. */
public record MessageQuery(String sender, String controlId, MessageStatus status, int limit) {
    public MessageQuery {
        if (limit <= 0 || limit > 1000) {
            limit = Math.min(Math.max(limit, 1), 1000);
        }
    }
}
