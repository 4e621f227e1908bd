package io.claimbridge.delivery.retry;

import java.util.random.RandomGenerator;

/**
 * Decides retry / ERROR / DEAD after a failed delivery attempt. Pure: the caller owns the clock,
 * the attempt count (persisted with the delivery) and the random source (seeded in tests).
 *
 * <p>Classification: a peer that understood the request and said no (HTTP 4xx, e.g. with a FHIR
 * OperationOutcome, or refused credentials) will say no again, so it is not retried. 408, 425 and
 * 429 are the 4xx statuses that mean "later", and are retried like 5xx, timeouts and connection
 * failures.
 *
 * <p>A rejected SFTP host key is not retried either: retrying cannot change the key, and each
 * attempt would only offer the batch to a server that may be an impostor. The delivery goes to
 * ERROR with the presented key's fingerprint, for a person to check and then retry it.
 */
public final class RetryPlanner {

    private final RetryPolicy policy;
    private final RandomGenerator random;

    public RetryPlanner(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /** Whether this failure can succeed on a later attempt. */
    public static boolean isTransient(DeliveryFailure failure) {
        if (failure instanceof DeliveryFailure.HttpStatus http) {
            int s = http.status();
            return s >= 500 || s == 408 || s == 425 || s == 429;
        }
        return failure instanceof DeliveryFailure.Timeout
                || failure instanceof DeliveryFailure.ConnectionFailed
                || failure instanceof DeliveryFailure.IoError;
    }

    /**
     * @param attempt the 1-based number of the attempt that just failed
     */
    public RetryDecision afterFailure(int attempt, DeliveryFailure failure) {
        String reason = describe(failure);
        if (!isTransient(failure)) {
            return new RetryDecision.Error(reason);
        }
        if (attempt >= policy.maxAttempts()) {
            return new RetryDecision.Dead(attempt, "gave up after " + attempt + " attempts: " + reason);
        }
        return new RetryDecision.Retry(attempt + 1, policy.delay(attempt, random), reason);
    }

    private static String describe(DeliveryFailure f) {
        if (f instanceof DeliveryFailure.HttpStatus http) {
            return "HTTP " + http.status() + (http.operationOutcome() ? " with OperationOutcome" : "")
                    + (http.detail() == null ? "" : ": " + http.detail());
        }
        String kind = f.getClass().getSimpleName();
        return f.detail() == null ? kind : kind + ": " + f.detail();
    }
}
