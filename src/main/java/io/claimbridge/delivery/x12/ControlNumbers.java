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
        // Room for a few groups / sets above the base within the 9-digit GS06 / ST02 limits; the
        // caller's sequence wraps before that.
        if (groupBase < 1 || groupBase > 999_999_000L || transactionBase < 1 || transactionBase > 999_000_000L) {
            throw new IllegalArgumentException("GS06 base must be 1..999999000 and ST02 base 1..999000000");
        }
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
