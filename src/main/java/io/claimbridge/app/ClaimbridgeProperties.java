package io.claimbridge.app;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code claimbridge.*} settings (see application.yml for defaults). */
@ConfigurationProperties("claimbridge")
public record ClaimbridgeProperties(Path dataDir, Path inboxDir, Path mappingsDir, Path conformanceDir, Path cptFile,
                                    Path routingFile, Duration billHold, Duration ledgerTick, Mllp mllp, Store store) {

    public record Mllp(int port, int maxMessageBytes, int maxConnections) {
    }

    public record Store(int maxBatch, int queueCapacity, Duration timeout) {
    }
}
