package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
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
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
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
             SftpTransport t = new SftpTransport(new Transport.Sftp("127.0.0.1", port, TestSftpServer.USER, null,
                     new Transport.KeyFile(key, null), "/inbound", PINNED), Duration.ofSeconds(5))) {
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

    /** An Ed25519 user key as {@code ssh-keygen -t ed25519} writes it (OpenSSH format), encrypted if a passphrase is given. */
    private Path openSshKeyFile(KeyPair pair, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext(); // aes256-ctr with bcrypt-pbkdf, as ssh-keygen does
            encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        Path file = tmp.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "claimbridge@test", encryption, out);
        }
        assertThat(Files.readString(file)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        return file;
    }

    /**
     * Ed25519 end to end: the server presents an Ed25519 host key (pinned) and lets the user in only
     * with the Ed25519 key {@code userKey}; the transport has no password, just {@code key}.
     */
    private void sendWithKey(KeyPair userKey, Transport.KeyFile key) throws Exception {
        KeyPair hostKey = TestSftpServer.generateEd25519Key();
        Transport.HostKeyCheck pinned = new Transport.HostKeyCheck.Verify(null,
                List.of(KeyUtils.getFingerPrint(hostKey.getPublic())));
        int port = LocalPorts.free();
        try (TestSftpServer server = new TestSftpServer(port, tmp.resolve("root"), null).hostKeys(hostKey)
                .acceptKey(userKey.getPublic()).start();
             SftpTransport t = new SftpTransport(new Transport.Sftp("127.0.0.1", port, TestSftpServer.USER, null, key,
                     "/inbound", pinned), Duration.ofSeconds(5))) {
            t.send("ch-000000010.837", "ISA*00~".getBytes(StandardCharsets.US_ASCII));
            assertThat(server.inbound().resolve("ch-000000010.837")).hasContent("ISA*00~");
        }
    }

    @Test
    void logsInWithAnOpenSshEd25519KeyFile() throws Exception {
        KeyPair pair = TestSftpServer.generateEd25519Key();
        sendWithKey(pair, new Transport.KeyFile(openSshKeyFile(pair, null), null));
    }

    @Test
    void logsInWithAPassphraseProtectedEd25519KeyFile() throws Exception {
        KeyPair pair = TestSftpServer.generateEd25519Key();
        sendWithKey(pair, new Transport.KeyFile(openSshKeyFile(pair, "correct horse"), "correct horse"));
    }

    @Test
    void aKeyFileThatCannotBeReadIsNotRetriedAndSaysSo() throws Exception {
        KeyPair pair = TestSftpServer.generateEd25519Key();
        Path file = openSshKeyFile(pair, "correct horse");
        for (String passphrase : new String[] {"wrong", null}) {
            assertThatThrownBy(() -> sendWithKey(pair, new Transport.KeyFile(file, passphrase)))
                    .as("passphrase %s", passphrase)
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(DeliveryFailure.AuthenticationFailed.class);
                        assertThat(e.failure().detail()).startsWith("private key file " + file + " cannot be read: ")
                                .doesNotContain("wrong");
                        assertThat(RetryPlanner.isTransient(e.failure())).isFalse();
                    });
        }
    }
}
