package io.claimbridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.claimbridge.store.MessageStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on random free ports and a fresh data dir, with the shipped routes/
 * plus the test listeners in test-routes/. One Spring context is shared by every subclass.
 * HTTP calls authenticate with {@link TestTokens#ALL} (the autowired TestRestTemplate does so by itself).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.RestTemplateAuth.class)
public abstract class AppTestSupport {
    protected static final int MLLP_PORT = freePort();
    protected static final int STRICT_PORT = freePort();
    protected static final int TLS_PORT = freePort();
    protected static final int MUTUAL_TLS_PORT = freePort();
    protected static final int MAX_MESSAGE_BYTES = 64 * 1024;
    protected static final int FHIR_MAX_BODY_BYTES = 256 * 1024;
    protected static final Path DATA_DIR = tempDir();

    @LocalServerPort
    protected int httpPort;

    @Autowired
    protected MessageStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("claimbridge.data-dir", DATA_DIR::toString);
        r.add("claimbridge.mllp.port", () -> MLLP_PORT);
        r.add("claimbridge.mllp.max-message-bytes", () -> MAX_MESSAGE_BYTES);
        r.add("claimbridge.fhir.max-body-bytes", () -> FHIR_MAX_BODY_BYTES);
        r.add("test.strict.port", () -> STRICT_PORT);
        // test-routes/mllp-tls.yaml; the key stores are made on first use, when those routes start
        r.add("test.tls.port", () -> TLS_PORT);
        r.add("test.tls.mutual-port", () -> MUTUAL_TLS_PORT);
        r.add("test.tls.key-store", () -> TestPki.get().serverKeyStore().toString());
        r.add("test.tls.trust-store", () -> TestPki.get().serverTrustStore().toString());
        r.add("test.tls.password", () -> TestPki.PASSWORD);
        TestTokens.register(r);
        r.add("camel.main.routes-include-pattern", () -> "file:routes/*.yaml,classpath:test-routes/*.yaml");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("claimbridge-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sample(String version, String name) {
        try (InputStream in = AppTestSupport.class.getResourceAsStream("/hl7/samples/" + version + "/" + name + ".hl7")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
