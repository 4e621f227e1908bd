package io.claimbridge.delivery.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BatchPolicyTest {
    private final BatchPolicy policy = new BatchPolicy(3, Duration.ofSeconds(10));
    private final Instant opened = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void closesOnCountOrAge() {
        assertThat(policy.isDue(2, opened, opened.plusSeconds(9))).isFalse();
        assertThat(policy.isDue(3, opened, opened.plusSeconds(1))).isTrue();
        assertThat(policy.isDue(1, opened, opened.plusSeconds(10))).isTrue();
        assertThat(policy.isDue(0, opened, opened.plusSeconds(60))).isFalse();
        assertThat(policy.closesAt(opened)).isEqualTo(opened.plusSeconds(10));
    }

    @Test
    void defaultOutboxClosesWithinTenSeconds() {
        assertThat(BatchPolicy.DEFAULT.maxWait()).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsLimitsTheGuideCannotTake() {
        assertThatThrownBy(() -> new BatchPolicy(5001, Duration.ofSeconds(1))).hasMessageContaining("maxClaims");
        assertThatThrownBy(() -> new BatchPolicy(10, Duration.ZERO)).hasMessageContaining("maxWait");
    }
}
