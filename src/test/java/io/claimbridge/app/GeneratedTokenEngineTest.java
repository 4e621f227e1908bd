package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command with no configuration: the engine makes its token file, and keeps it. */
class GeneratedTokenEngineTest {
    @TempDir
    Path tmp;

    @Test
    void unconfiguredEngineGeneratesItsTokenOnceAndAcceptsOnlyIt() throws Exception {
        Path data = tmp.resolve("data");
        int http = AppTestSupport.freePort();
        int mllp = AppTestSupport.freePort();
        String token;
        try (EngineProcess engine = EngineProcess.startWithGeneratedToken(data, http, mllp)) {
            token = Files.readString(engine.tokenFile()).trim();
            assertThat(engine.send("/api/messages", token).statusCode()).isEqualTo(200);
            assertThat(engine.send("/api/messages", null).statusCode()).isEqualTo(401);
            assertThat(engine.send("/fhir/metadata", token).statusCode()).as("every role").isEqualTo(200);
            assertThat(engine.send("/actuator/health", null).statusCode()).isEqualTo(200);
        }
        try (EngineProcess engine = EngineProcess.startWithGeneratedToken(data, http, mllp)) {
            assertThat(Files.readString(engine.tokenFile()).trim()).as("reused, not replaced").isEqualTo(token);
            assertThat(engine.send("/api/messages", token).statusCode()).isEqualTo(200);
            String log = Files.readString(engine.logFile());
            assertThat(log).contains(engine.tokenFile().toAbsolutePath().toString()).doesNotContain(token);
        }
    }

    @Test
    void configuredTokensTurnTheGeneratedOneOff() throws Exception {
        Path data = tmp.resolve("data");
        try (EngineProcess engine = EngineProcess.start(data, AppTestSupport.freePort(), AppTestSupport.freePort())) {
            assertThat(engine.tokenFile()).doesNotExist();
            assertThat(engine.send("/api/messages", TestTokens.ALL).statusCode()).isEqualTo(200);
        }
    }
}
