package io.claimbridge.app;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code claimbridge.*} settings (see application.yml for defaults). */
@ConfigurationProperties("claimbridge")
public record ClaimbridgeProperties(Path dataDir, Path inboxDir, Path mappingsDir, Path conformanceDir, Path cptFile,
                                    Path routingFile, Duration billHold, Duration ledgerTick, Processing processing, Mllp mllp,
                                    Store store, Fhir fhir) {

    /**
     * enabled: false makes an ingest-only node (store and acknowledge; another node processes).
     * threads: how many messages are parsed and mapped at once (ledger merges stay in arrival order).
     */
    public record Processing(boolean enabled, int threads) {
    }

    public record Mllp(int port, int maxMessageBytes, int maxConnections) {
    }

    /** FHIR inbound over HTTP: the sender name its messages are stored under, and the body size limit. */
    public record Fhir(String sender, long maxBodyBytes) {
    }

    public record Store(int maxBatch, int queueCapacity, Duration timeout) {
    }
}
