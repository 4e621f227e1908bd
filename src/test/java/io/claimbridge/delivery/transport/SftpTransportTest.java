package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.claimbridge.app.TestSftpServer;
import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.retry.RetryPlanner;
import io.claimbridge.delivery.routing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFTP upload against a real Apache MINA SSHD server: temp name then rename, probe, login and connection failures. */
class SftpTransportTest {
    @TempDir
    Path tmp;

    private static final Transport.HostKeyCheck PINNED =
            new Transport.HostKeyCheck.Verify(null, List.of(TestSftpServer.hostKeyFingerprint()));

    private static SftpTransport transport(int port, String password) {
        return new SftpTransport(new Transport.Sftp("127.0.0.1", port, TestSftpServer.USER, password, null, "/inbound",
                PINNED), Duration.ofSeconds(5));
    }

    @Test
    void uploadsUnderTheKeyAndKnowsItIsThere() throws Exception {
        int port = LocalPorts.free();
        try (TestSftpServer server = new TestSftpServer(port, tmp.resolve("root"), null).start();
             SftpTransport t = transport(port, TestSftpServer.PASSWORD)) {
            assertThat(t.holds("ch-000000001.837")).isFalse();
            t.send("ch-000000001.837", "ISA*00~".getBytes(StandardCharsets.US_ASCII));
            assertThat(t.holds("ch-000000001.837")).isTrue();
            try (var files = Files.list(server.inbound())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ch-000000001.837");
            }
            assertThat(server.inbound().resolve("ch-000000001.837")).hasContent("ISA*00~");
        }
    }

    @Test
    void logsInWithAPrivateKeyFile() throws Exception {
        KeyPair pair = TestSftpServer.generateKey("RSA", 2048);
        Path key = tmp.resolve("id_rsa.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        int port = LocalPorts.free();
        try (TestSftpServer server = new TestSftpServer(port, tmp.resolve("root"), null).acceptKey(pair.getPublic()).start();
             SftpTransport t = new SftpTransport(new Transport.Sftp("127.0.0.1", port, TestSftpServer.USER, null, key,
                     "/inbound", PINNED), Duration.ofSeconds(5))) {
            t.send("ch-000000009.837", "ISA*00~".getBytes(StandardCharsets.US_ASCII));
            assertThat(server.inbound().resolve("ch-000000009.837")).hasContent("ISA*00~");
        }
    }

    @Test
    void wrongPasswordIsNotRetriedNoServerIs() throws Exception {
        int port = LocalPorts.free();
        try (SftpTransport down = transport(port, TestSftpServer.PASSWORD)) {
            assertThatThrownBy(() -> down.send("k.837", new byte[] {1}))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(DeliveryFailure.ConnectionFailed.class);
                        assertThat(RetryPlanner.isTransient(e.failure())).isTrue();
                    });
        }
        try (TestSftpServer server = new TestSftpServer(port, tmp.resolve("root"), null).start();
             SftpTransport wrong = transport(port, "not-the-password")) {
            assertThatThrownBy(() -> wrong.send("k.837", new byte[] {1}))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(DeliveryFailure.AuthenticationFailed.class);
                        assertThat(RetryPlanner.isTransient(e.failure())).isFalse();
                    });
        }
    }
}
