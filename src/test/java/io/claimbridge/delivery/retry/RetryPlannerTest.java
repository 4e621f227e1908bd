package io.claimbridge.delivery.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RetryPlannerTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), 3.0, Duration.ofSeconds(60), 0.25);

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.baseDelay(2)).isEqualTo(Duration.ofSeconds(6));
        assertThat(policy.baseDelay(3)).isEqualTo(Duration.ofSeconds(18));
        assertThat(policy.baseDelay(4)).isEqualTo(Duration.ofSeconds(54));
        assertThat(policy.baseDelay(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.baseDelay(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterStaysWithinBoundsAndIsReproducibleWithASeed() {
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        boolean varied = false;
        for (int i = 0; i < 1000; i++) {
            Duration d = policy.delay(3, a);
            assertThat(d).isEqualTo(policy.delay(3, b));
            assertThat(d.toMillis()).isBetween(13_500L, 22_500L);
            varied |= d.toMillis() != 18_000L;
        }
        assertThat(varied).isTrue();
        // Jitter never pushes a capped delay above maxBackoff.
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delay(10, a)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void noJitterMeansExactDelays() {
        RetryPolicy exact = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.0);
        assertThat(exact.delay(2, new SplittableRandom(1))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void clientErrorsWithOperationOutcomeAreNotRetried() {
        RetryPlanner planner = new RetryPlanner(policy, new SplittableRandom(7));
        RetryDecision d = planner.afterFailure(1, new DeliveryFailure.HttpStatus(422, true, "claim-1 invalid"));
        assertThat(d).isInstanceOf(RetryDecision.Error.class);
        assertThat(((RetryDecision.Error) d).reason()).isEqualTo("HTTP 422 with OperationOutcome: claim-1 invalid");
        assertThat(planner.afterFailure(1, new DeliveryFailure.HttpStatus(400, false, null)))
                .isInstanceOf(RetryDecision.Error.class);
        assertThat(planner.afterFailure(1, new DeliveryFailure.AuthenticationFailed("sftp login refused")))
                .isInstanceOf(RetryDecision.Error.class);
    }

    @Test
    void aRejectedHostKeyIsNotRetriedAndSaysWhy() {
        RetryPlanner planner = new RetryPlanner(policy, new SplittableRandom(7));
        assertThat(planner.afterFailure(1, new DeliveryFailure.HostKeyRejected("host key of h:22 is not the pinned one")))
                .isEqualTo(new RetryDecision.Error("HostKeyRejected: host key of h:22 is not the pinned one"));
    }

    @Test
    void serverErrorsTimeoutsAndRefusedConnectionsAreRetried() {
        RetryPlanner planner = new RetryPlanner(policy, new SplittableRandom(7));
        for (DeliveryFailure f : new DeliveryFailure[] {
                new DeliveryFailure.HttpStatus(503, false, null),
                new DeliveryFailure.HttpStatus(500, true, null),
                new DeliveryFailure.HttpStatus(429, false, null),
                new DeliveryFailure.HttpStatus(408, false, null),
                new DeliveryFailure.Timeout("read timeout 30s"),
                new DeliveryFailure.ConnectionFailed("connection refused"),
                new DeliveryFailure.IoError("broken pipe")}) {
            RetryDecision d = planner.afterFailure(2, f);
            assertThat(d).as(f.toString()).isInstanceOf(RetryDecision.Retry.class);
            assertThat(((RetryDecision.Retry) d).nextAttempt()).isEqualTo(3);
        }
    }

    @Test
    void deadAfterTheLastAttempt() {
        RetryPlanner planner = new RetryPlanner(policy, new SplittableRandom(7));
        DeliveryFailure refused = new DeliveryFailure.ConnectionFailed("connection refused");
        int attempt = 1;
        RetryDecision d = planner.afterFailure(attempt, refused);
        while (d instanceof RetryDecision.Retry r) {
            attempt = r.nextAttempt();
            d = planner.afterFailure(attempt, refused);
        }
        assertThat(attempt).isEqualTo(5);
        assertThat(d).isEqualTo(new RetryDecision.Dead(5, "gave up after 5 attempts: ConnectionFailed: connection refused"));
    }

    @Test
    void policyRejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(2), 0))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 0))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 1.5))
                .hasMessageContaining("jitter");
    }
}
