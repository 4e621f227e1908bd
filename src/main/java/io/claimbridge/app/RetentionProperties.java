package io.claimbridge.app;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code claimbridge.retention.*} settings.
 *
 * @param messageContent how long the content of a PROCESSED message (raw bytes, FHIR bodies) is kept
 *                       after it was received; empty: for ever (the pruner does not run)
 * @param interval       how often the pruner runs
 * @param batchSize      messages pruned per transaction, so a large first run holds no huge transaction
 */
@ConfigurationProperties("claimbridge.retention")
public record RetentionProperties(Duration messageContent, @DefaultValue("1h") Duration interval,
                                  @DefaultValue("500") int batchSize) {

    public RetentionProperties {
        // wrong values stop start-up: a zero or negative period would delete content just received
        if (messageContent != null && (messageContent.isNegative() || messageContent.isZero())) {
            throw new IllegalArgumentException("claimbridge.retention.message-content must be positive (or empty: keep for ever)");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("claimbridge.retention.interval must be positive");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("claimbridge.retention.batch-size must be 1 to 10000");
        }
    }

    public boolean enabled() {
        return messageContent != null;
    }
}
