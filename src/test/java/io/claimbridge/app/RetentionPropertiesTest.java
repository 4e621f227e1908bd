package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** claimbridge.retention.* as written in application.yml or on the command line. */
class RetentionPropertiesTest {

    private static RetentionProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("claimbridge.retention", RetentionProperties.class);
    }

    @Test
    void emptyKeepsContentForEverWithTheDefaults() {
        RetentionProperties props = bind(Map.of("claimbridge.retention.message-content", ""));
        assertThat(props.enabled()).isFalse();
        assertThat(props.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(props.batchSize()).isEqualTo(500);
        assertThat(bind(Map.of()).enabled()).isFalse();
    }

    @Test
    void daysAsHospitalsWriteThem() {
        RetentionProperties props = bind(Map.of("claimbridge.retention.message-content", "30d",
                "claimbridge.retention.interval", "15m", "claimbridge.retention.batch-size", "200"));
        assertThat(props.enabled()).isTrue();
        assertThat(props.messageContent()).isEqualTo(Duration.ofDays(30));
        assertThat(props.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(props.batchSize()).isEqualTo(200);
    }

    @Test
    void aZeroPeriodOrBatchStopsStartUp() {
        assertThatThrownBy(() -> bind(Map.of("claimbridge.retention.message-content", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("message-content must be positive");
        assertThatThrownBy(() -> bind(Map.of("claimbridge.retention.batch-size", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("batch-size must be 1 to 10000");
    }
}
