package io.claimbridge.delivery.routing;

import java.time.Duration;
import java.time.Instant;

/** A batch (one interchange) closes at {@code maxClaims} claims or {@code maxWait} after its first claim. */
public record BatchPolicy(int maxClaims, Duration maxWait) {
    /** The default outbox: small enough files, and a claim waits at most 10 s. */
    public static final BatchPolicy DEFAULT = new BatchPolicy(500, Duration.ofSeconds(10));

    public BatchPolicy {
        if (maxClaims < 1 || maxClaims > 5000) {
            throw new IllegalArgumentException("maxClaims must be 1..5000");
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive");
        }
    }

    /** When a batch opened at {@code openedAt} (its first claim) must be closed at the latest. */
    public Instant closesAt(Instant openedAt) {
        return openedAt.plus(maxWait);
    }

    /** Whether a batch holding {@code claims} claims, opened at {@code openedAt}, is due at {@code now}. */
    public boolean isDue(int claims, Instant openedAt, Instant now) {
        return claims >= maxClaims || (claims > 0 && !now.isBefore(closesAt(openedAt)));
    }
}
