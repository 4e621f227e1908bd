package io.claimbridge.delivery.x12;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Control numbers and timestamp for one interchange, allocated and persisted by the caller
 * (exactly-once delivery needs them to survive restarts, so the writer never invents them).
 * Group k of the interchange gets GS06 = {@code groupBase + k}; transaction set k gets
 * ST02 = {@code transactionBase + k}.
 */
public record ControlNumbers(long interchange, long groupBase, long transactionBase, LocalDateTime timestamp) {
    public ControlNumbers {
        if (interchange < 1 || interchange > 999_999_999L) {
            throw new IllegalArgumentException("ISA13 must be 1..999999999");
        }
        if (groupBase < 1 || transactionBase < 1) {
            throw new IllegalArgumentException("GS06 / ST02 bases must be positive");
        }
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
