package io.claimbridge.app;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code claimbridge.*} settings (see application.yml for defaults). */
@ConfigurationProperties("claimbridge")
public record ClaimbridgeProperties(Path dataDir, Path inboxDir, Path mappingsDir, Path conformanceDir, Path cptFile,
                                    Path routingFile, Duration billHold, Duration ledgerTick, Processing processing, Mllp mllp,
                                    Store store, Fhir fhir) {

    /**
     * enabled: false makes an ingest-only node (store and acknowledge; another node processes).
     * threads: how many messages are parsed and mapped at once, and how many lanes apply them to the
     * ledger (one visit always in the same lane, so its messages keep arrival order).
     * cachedStates: decoded ledger states kept in memory (a miss only costs decoding the stored JSON).
     */
    public record Processing(boolean enabled, int threads, @DefaultValue("1024") int cachedStates) {
    }

    public record Mllp(int port, int maxMessageBytes, int maxConnections) {
    }

    /** FHIR inbound over HTTP: the sender name its messages are stored under, and the body size limit. */
    public record Fhir(String sender, long maxBodyBytes) {
    }

    public record Store(int maxBatch, int queueCapacity, Duration timeout) {
    }
}
