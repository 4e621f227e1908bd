package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.claimbridge.app.TestSftpServer;
import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.retry.RetryDecision;
import io.claimbridge.delivery.retry.RetryPlanner;
import io.claimbridge.delivery.retry.RetryPolicy;
import io.claimbridge.delivery.routing.Transport;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host key checks against a real Apache MINA SSHD server: a pinned fingerprint or a known_hosts
 * file lets the upload through only when the server presents the expected key; otherwise the
 * delivery fails, not retried, with the reason, and no byte reaches the server.
 */
class SftpHostKeyTest {
    private static final byte[] INTERCHANGE = "ISA*00~".getBytes(StandardCharsets.US_ASCII);
    private static final KeyPair OTHER_KEY = TestSftpServer.generateKey("EC", 256);
    /** OpenSSH's default host key type, what most clearinghouse servers present. */
    private static final KeyPair ED25519_HOST_KEY = TestSftpServer.generateEd25519Key();
    private static final KeyPair OTHER_ED25519_KEY = TestSftpServer.generateEd25519Key();

    @TempDir
    Path tmp;
    private int port;

    @BeforeEach
    void port() {
        port = LocalPorts.free();
    }

    private TestSftpServer server() {
        return new TestSftpServer(port, tmp.resolve("root"), null);
    }

    private SftpTransport transport(Transport.HostKeyCheck check) {
        return new SftpTransport(new Transport.Sftp("127.0.0.1", port, TestSftpServer.USER, TestSftpServer.PASSWORD,
                null, "/inbound", check), Duration.ofSeconds(5));
    }

    private static Transport.HostKeyCheck pinned(String... fingerprints) {
        return new Transport.HostKeyCheck.Verify(null, List.of(fingerprints));
    }

    private static Transport.HostKeyCheck knownHosts(Path file) {
        return new Transport.HostKeyCheck.Verify(file, List.of());
    }

    /** A known_hosts file as ssh-keyscan writes it: one line per key, {@code [host]:port} off port 22. */
    private Path knownHostsFile(String host, PublicKey... keys) throws Exception {
        String[] entries = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            entries[i] = PublicKeyEntry.toString(keys[i]);
        }
        return knownHostsLines(host, entries);
    }

    /** The same with each key already in OpenSSH's {@code type base64} form. */
    private Path knownHostsLines(String host, String... entries) throws Exception {
        StringBuilder b = new StringBuilder("# clearinghouse keys, checked by phone\n");
        for (String e : entries) {
            b.append(host).append(' ').append(e).append('\n');
        }
        Path file = tmp.resolve("known_hosts");
        Files.writeString(file, b);
        return file;
    }

    /**
     * An Ed25519 key's public blob as OpenSSH writes it (RFC 8709: string "ssh-ed25519", string of
     * the 32 key bytes), made here by hand so the test does not take MINA's encoder on trust.
     */
    private static byte[] ed25519Blob(PublicKey key) throws Exception {
        byte[] x509 = key.getEncoded(); // SubjectPublicKeyInfo: a 12-byte header, then the 32 key bytes
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(blob);
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(type.length);
        out.write(type);
        out.writeInt(raw.length);
        out.write(raw);
        return blob.toByteArray();
    }

    /** The known_hosts form of an Ed25519 key, as {@code ssh-keyscan -t ed25519} prints it. */
    private static String ed25519Entry(KeyPair key) throws Exception {
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(ed25519Blob(key.getPublic()));
    }

    /** {@code ssh-keygen -lf}'s fingerprint: SHA-256 of the blob, base64 without padding. */
    private static String ed25519Fingerprint(KeyPair key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ed25519Blob(key.getPublic()));
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    private static String fingerprint(KeyPair key) {
        return KeyUtils.getFingerPrint(key.getPublic());
    }

    private static void assertNothingUploaded(TestSftpServer server) throws Exception {
        try (var files = Files.list(server.inbound())) {
            assertThat(files).isEmpty();
        }
    }

    private static void assertDelivers(SftpTransport t, TestSftpServer server) throws Exception {
        t.send("ch-000000001.837", INTERCHANGE);
        assertThat(server.inbound().resolve("ch-000000001.837")).hasContent("ISA*00~");
    }

    /** The delivery fails as a rejected host key, is not retried, and the server got nothing. */
    private static DeliveryFailure assertRefused(SftpTransport t, TestSftpServer server) throws Exception {
        DeliveryFailure[] failure = new DeliveryFailure[1];
        assertThatThrownBy(() -> t.send("ch-000000001.837", INTERCHANGE))
                .isInstanceOfSatisfying(TransportException.class, e -> failure[0] = e.failure());
        assertThat(failure[0]).isInstanceOf(DeliveryFailure.HostKeyRejected.class);
        assertThat(new RetryPlanner(RetryPolicy.DEFAULT, RandomGenerator.getDefault()).afterFailure(1, failure[0]))
                .as("a rejected host key is not retried").isInstanceOf(RetryDecision.Error.class);
        assertThatThrownBy(() -> t.holds("ch-000000001.837")).as("the probe is refused the same way")
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.failure()).isInstanceOf(DeliveryFailure.HostKeyRejected.class));
        assertNothingUploaded(server);
        return failure[0];
    }

    @Test
    void theRightPinnedFingerprintDelivers() throws Exception {
        try (TestSftpServer server = server().start();
             SftpTransport t = transport(pinned(fingerprint(OTHER_KEY), TestSftpServer.hostKeyFingerprint()))) {
            assertDelivers(t, server);
        }
    }

    @Test
    void aWrongFingerprintFailsWithTheReasonAndUploadsNothing() throws Exception {
        try (TestSftpServer server = server().start();
             SftpTransport t = transport(pinned(fingerprint(OTHER_KEY)))) {
            assertThat(assertRefused(t, server).detail())
                    .isEqualTo("host key of 127.0.0.1:" + port + " is not the pinned one: server presented "
                            + "ecdsa-sha2-nistp256 " + TestSftpServer.hostKeyFingerprint() + ", pinned "
                            + fingerprint(OTHER_KEY));
        }
    }

    @Test
    void knownHostsListingTheServersKeyDelivers() throws Exception {
        Path file = knownHostsFile("[127.0.0.1]:" + port, OTHER_KEY.getPublic(), TestSftpServer.HOST_KEY.getPublic());
        try (TestSftpServer server = server().start(); SftpTransport t = transport(knownHosts(file))) {
            assertDelivers(t, server);
        }
    }

    @Test
    void knownHostsWithAnotherKeyForTheHostFails() throws Exception {
        Path file = knownHostsFile("[127.0.0.1]:" + port, OTHER_KEY.getPublic());
        try (TestSftpServer server = server().start(); SftpTransport t = transport(knownHosts(file))) {
            assertThat(assertRefused(t, server).detail())
                    .startsWith("host key of 127.0.0.1:" + port + " does not match " + file)
                    .endsWith("server presented ecdsa-sha2-nistp256 " + TestSftpServer.hostKeyFingerprint());
        }
    }

    @Test
    void aHostKnownHostsDoesNotListIsUnknown() throws Exception {
        // The server's own key, but filed under port 22: OpenSSH keeps ports apart, and so must we.
        Path file = knownHostsFile("127.0.0.1", TestSftpServer.HOST_KEY.getPublic());
        try (TestSftpServer server = server().start(); SftpTransport t = transport(knownHosts(file))) {
            assertThat(assertRefused(t, server).detail())
                    .startsWith("unknown host 127.0.0.1:" + port + ": not in " + file);
        }
    }

    @Test
    void aMissingKnownHostsFileRefusesEveryKey() throws Exception {
        Path file = tmp.resolve("no-such-known_hosts");
        try (TestSftpServer server = server().start(); SftpTransport t = transport(knownHosts(file))) {
            assertThat(assertRefused(t, server).detail())
                    .startsWith("known_hosts file " + file + " does not exist");
        }
        assertThat(HostKeyVerifier.startupWarning(new Transport.Sftp("h", 22, "u", "p", null, "/", knownHosts(file))))
                .hasValueSatisfying(w -> assertThat(w).contains(file.toString()));
    }

    @Test
    void aHashedKnownHostsEntryMatches() throws Exception {
        // ssh-keyscan -H / HashKnownHosts: |1|salt|HMAC-SHA1(salt, "[host]:port"), computed here as OpenSSH does.
        byte[] salt = new byte[20];
        RandomGenerator.getDefault().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(("[127.0.0.1]:" + port).getBytes(StandardCharsets.US_ASCII));
        Base64.Encoder b64 = Base64.getEncoder();
        Path file = knownHostsFile("|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash),
                TestSftpServer.HOST_KEY.getPublic());
        try (TestSftpServer server = server().start(); SftpTransport t = transport(knownHosts(file))) {
            assertDelivers(t, server);
        }
    }

    @Test
    void aServerWithSeveralKeysIsAskedForTheTypeKnownHostsLists() throws Exception {
        // The client would pick ECDSA first; known_hosts holds only the RSA key, so RSA must be asked for.
        KeyPair rsa = TestSftpServer.generateKey("RSA", 2048);
        Path file = knownHostsFile("[127.0.0.1]:" + port, rsa.getPublic());
        try (TestSftpServer server = server().hostKeys(TestSftpServer.HOST_KEY, rsa).start();
             SftpTransport t = transport(knownHosts(file))) {
            assertDelivers(t, server);
        }
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhenAlsoListed() throws Exception {
        Path file = knownHostsFile("[127.0.0.1]:" + port, TestSftpServer.HOST_KEY.getPublic());
        Files.writeString(file, "@revoked [127.0.0.1]:" + port + " " + PublicKeyEntry.toString(TestSftpServer.HOST_KEY.getPublic()) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (TestSftpServer server = server().start(); SftpTransport t = transport(knownHosts(file))) {
            assertThat(assertRefused(t, server).detail()).contains("is @revoked in " + file);
        }
    }

    @Test
    void withBothAPinAndKnownHostsBothMustAgree() throws Exception {
        Path file = knownHostsFile("[127.0.0.1]:" + port, OTHER_KEY.getPublic());
        try (TestSftpServer server = server().start();
             SftpTransport t = transport(new Transport.HostKeyCheck.Verify(file,
                     List.of(TestSftpServer.hostKeyFingerprint())))) {
            assertThat(assertRefused(t, server).detail()).contains("does not match " + file);
        }
    }

    @Test
    void checkingOffAcceptsAnyKeyAndSaysSoAtStart() throws Exception {
        Transport.HostKeyCheck off = new Transport.HostKeyCheck.Off();
        try (TestSftpServer server = server().hostKeys(OTHER_KEY).start(); SftpTransport t = transport(off)) {
            assertDelivers(t, server);
        }
        assertThat(HostKeyVerifier.startupWarning(new Transport.Sftp("h", 22, "u", "p", null, "/", off)))
                .hasValueSatisfying(w -> assertThat(w).contains("OFF"));
        assertThat(HostKeyVerifier.startupWarning(new Transport.Sftp("h", 22, "u", "p", null, "/",
                pinned(fingerprint(OTHER_KEY))))).isEmpty();
    }

    @Test
    void anEd25519HostKeyListedInKnownHostsDelivers() throws Exception {
        Path file = knownHostsLines("[127.0.0.1]:" + port, ed25519Entry(ED25519_HOST_KEY));
        try (TestSftpServer server = server().hostKeys(ED25519_HOST_KEY).start();
             SftpTransport t = transport(knownHosts(file))) {
            assertDelivers(t, server);
        }
    }

    @Test
    void anEd25519HostKeyPinnedByFingerprintDelivers() throws Exception {
        try (TestSftpServer server = server().hostKeys(ED25519_HOST_KEY).start();
             SftpTransport t = transport(pinned(ed25519Fingerprint(ED25519_HOST_KEY)))) {
            assertDelivers(t, server);
        }
    }

    @Test
    void anotherEd25519KeyIsRefusedWithBothFingerprints() throws Exception {
        String presented = "server presented ssh-ed25519 " + ed25519Fingerprint(ED25519_HOST_KEY);
        try (TestSftpServer server = server().hostKeys(ED25519_HOST_KEY).start();
             SftpTransport t = transport(pinned(ed25519Fingerprint(OTHER_ED25519_KEY)))) {
            assertThat(assertRefused(t, server).detail())
                    .isEqualTo("host key of 127.0.0.1:" + port + " is not the pinned one: " + presented + ", pinned "
                            + ed25519Fingerprint(OTHER_ED25519_KEY));
        }
        Path file = knownHostsLines("[127.0.0.1]:" + port, ed25519Entry(OTHER_ED25519_KEY));
        try (TestSftpServer server = server().hostKeys(ED25519_HOST_KEY).start();
             SftpTransport t = transport(knownHosts(file))) {
            // A changed key, not a line this client cannot read: no "key types this client cannot use".
            assertThat(assertRefused(t, server).detail())
                    .isEqualTo("host key of 127.0.0.1:" + port + " does not match " + file
                            + " (a re-keyed server or a man in the middle): " + presented);
        }
    }

    @Test
    void aServerWithEcdsaAndEd25519KeysIsAskedForTheEd25519KeyKnownHostsLists() throws Exception {
        // The client would pick ECDSA first; known_hosts holds only the Ed25519 key, as ssh-keyscan -t ed25519 writes.
        Path file = knownHostsLines("[127.0.0.1]:" + port, ed25519Entry(ED25519_HOST_KEY));
        try (TestSftpServer server = server().hostKeys(TestSftpServer.HOST_KEY, ED25519_HOST_KEY).start();
             SftpTransport t = transport(knownHosts(file))) {
            assertDelivers(t, server);
        }
    }
}
