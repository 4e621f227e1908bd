package io.claimbridge.delivery.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for one destination: attempt n waits
 * {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, then spread by ±{@code jitter}
 * (a fraction, 0.2 = ±20%) so many failed deliveries do not come back in one burst.
 *
 * @param maxAttempts total attempts including the first; after the last failed one the delivery is DEAD
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          double jitter) {

    /** 8 attempts over roughly an hour: 5 s, 10 s, 20 s ... capped at 15 min. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(15), 0.2);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive");
        }
        if (multiplier < 1.0 || Double.isNaN(multiplier) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within 0..1");
        }
    }

    /** The delay before retrying after failed attempt {@code attempt} (1-based), without jitter. */
    public Duration baseDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based");
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        long cap = maxBackoff.toMillis();
        return Duration.ofMillis(millis >= cap ? cap : (long) millis);
    }

    /** {@link #baseDelay} spread uniformly within ±jitter, never above maxBackoff nor below zero. */
    public Duration delay(int attempt, RandomGenerator random) {
        long base = baseDelay(attempt).toMillis();
        if (jitter == 0.0) {
            return Duration.ofMillis(base);
        }
        double factor = 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
        long jittered = Math.round(base * factor);
        return Duration.ofMillis(Math.max(0, Math.min(maxBackoff.toMillis(), jittered)));
    }
}
