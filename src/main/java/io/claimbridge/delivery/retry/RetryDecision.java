package io.claimbridge.delivery.retry;

import java.time.Duration;

/** What to do after a failed attempt; each ends in a status a person can see. */
public sealed interface RetryDecision {

    /** Try again after {@code delay}; {@code nextAttempt} is 1-based. */
    record Retry(int nextAttempt, Duration delay, String reason) implements RetryDecision {
    }

    /** Permanent failure: the peer refused this payload; a person must fix it (status ERROR). */
    record Error(String reason) implements RetryDecision {
    }

    /** Transient failures outlasted the policy (status DEAD, dead-letter queue). */
    record Dead(int attempts, String reason) implements RetryDecision {
    }
}
