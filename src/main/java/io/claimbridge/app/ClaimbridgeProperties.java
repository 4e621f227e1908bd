package io.claimbridge.app;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code claimbridge.*} settings (see application.yml for defaults). */
@ConfigurationProperties("claimbridge")
public record ClaimbridgeProperties(Path dataDir, Path inboxDir, Path mappingsDir, Path conformanceDir, Path cptFile,
                                    Path routingFile, Duration billHold, Duration ledgerTick, Processing processing, Mllp mllp,
                                    Store store) {

    /** enabled: false makes an ingest-only node (store and acknowledge; another node processes). */
    public record Processing(boolean enabled) {
    }

    public record Mllp(int port, int maxMessageBytes, int maxConnections) {
    }

    public record Store(int maxBatch, int queueCapacity, Duration timeout) {
    }
}
