package io.claimbridge.delivery.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.claimbridge.delivery.x12.X12Envelope;
import io.claimbridge.delivery.x12.X12Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingLoaderTest {
    private static final Path DATA = Path.of("/var/lib/claimbridge");
    private final Map<String, String> env = Map.of("CLEARINGHOUSE_SFTP_PASSWORD", "s3cret", "ACME_FHIR_TOKEN", "tok");
    private final RoutingLoader loader = new RoutingLoader(DATA, env::get);

    @Test
    void theShippedExampleLoadsAndResolves() {
        RoutingTable table = loader.load(Path.of("routes/payers/routing.example.yml"));

        Destination availity = table.resolve("60054").get(0);
        assertThat(availity.name()).isEqualTo("availity");
        assertThat(availity.format()).isEqualTo(DeliveryFormat.AUTO);
        assertThat(availity.format().x12Format()).isNull();
        Transport.Sftp sftp = (Transport.Sftp) availity.transport();
        assertThat(sftp.host()).isEqualTo("sftp.clearinghouse.example");
        assertThat(sftp.password()).isEqualTo("s3cret");
        assertThat(sftp.toString()).doesNotContain("s3cret");
        assertThat(sftp.hostKeyCheck()).isEqualTo(new Transport.HostKeyCheck.Verify(
                Path.of("/etc/claimbridge/known_hosts"), List.of()));
        assertThat(availity.batch()).isEqualTo(new BatchPolicy(1000, Duration.ofSeconds(60)));
        assertThat(availity.retry().maxAttempts()).isEqualTo(8);
        X12Envelope env = availity.x12().toEnvelope();
        assertThat(env.receiverId()).isEqualTo("030240928");
        assertThat(env.usage()).isEqualTo(X12Envelope.Usage.T);

        assertThat(table.resolve("ACME1")).extracting(Destination::name).containsExactly("acme-fhir", "outbox");
        Destination fhir = table.resolve("ACME1").get(0);
        assertThat(fhir.transport()).isEqualTo(new Transport.Fhir(java.net.URI.create("https://fhir.payer.example/r4"),
                Transport.FhirMode.SUBMIT, new Transport.Auth.Bearer("tok")));
        assertThat(fhir.retry().multiplier()).isEqualTo(3.0);
        assertThat(((Transport.FileDrop) table.destination("outbox").transport()).directory())
                .isEqualTo(DATA.resolve("outbox"));

        assertThat(table.resolve("UNKNOWN")).extracting(Destination::name).containsExactly("availity");
        assertThat(table.resolve(null)).extracting(Destination::name).containsExactly("availity");
    }

    @Test
    void httpAndClientCertificateTransportsAndNoSecretInToString() {
        RoutingTable t = loader.parse("""
                destinations:
                  ch:
                    format: 837I
                    transport: {type: http, url: "https://ch.example/batch", auth: {bearerToken: "${env:ACME_FHIR_TOKEN}"}}
                    x12:
                      usage: P
                      acknowledgment: true
                      sender: {id: SGH}
                      receiver: {qualifier: "01", id: "123456789"}
                      submitter: {name: SGH, id: SGH01, email: edi@sgh.example}
                      receiverName: CH
                  mtls:
                    format: FHIR_CLAIM
                    transport:
                      type: fhir
                      baseUrl: https://payer.example/fhir
                      auth: {clientCertificate: {keyStore: /etc/cb/client.p12, password: "${env:CLEARINGHOUSE_SFTP_PASSWORD}"}}
                payers:
                  "*": [ch, mtls]
                """, "t.yml");
        Destination ch = t.resolve("any").get(0);
        assertThat(ch.transport()).isInstanceOf(Transport.HttpPost.class);
        X12Envelope env = ch.x12().toEnvelope();
        assertThat(env.senderQualifier()).isEqualTo("ZZ");
        assertThat(env.receiverQualifier()).isEqualTo("01");
        assertThat(env.gsReceiverCode()).isEqualTo("123456789");
        assertThat(env.usage()).isEqualTo(X12Envelope.Usage.P);
        assertThat(env.acknowledgmentRequested()).isTrue();
        Destination mtls = t.resolve("any").get(1);
        Transport.Fhir fhir = (Transport.Fhir) mtls.transport();
        assertThat(fhir.mode()).isEqualTo(Transport.FhirMode.TRANSACTION);
        assertThat(fhir.auth()).isEqualTo(new Transport.Auth.ClientCertificate(Path.of("/etc/cb/client.p12"), "s3cret", "PKCS12"));
        assertThat(mtls.x12()).isNull();
        assertThat(ch.toString() + mtls.toString()).doesNotContain("tok").doesNotContain("s3cret");
    }

    @Test
    void withoutAFileEveryClaimGoesTo837FilesInTheOutbox(@TempDir Path dir) {
        RoutingTable table = loader.loadOrDefault(dir.resolve("routes/payers/routing.yml"));
        assertThat(table.resolve("anything")).singleElement().satisfies(d -> {
            assertThat(d.format()).isEqualTo(DeliveryFormat.AUTO);
            assertThat(d.transport()).isEqualTo(new Transport.FileDrop(DATA.resolve("outbox")));
            assertThat(d.batch().maxWait()).isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(d.x12().toEnvelope()).isNotNull();
        });
    }

    @Test
    void forcedFormatsMapToTheWriter() {
        RoutingTable t = loader.parse("""
                destinations:
                  p: {format: 837P, transport: {type: file, directory: /tmp/p}}
                  i: {format: 837i, transport: {type: file, directory: /tmp/i}}
                payers:
                  "A": p
                  "*": [i]
                """, "t.yml");
        assertThat(t.resolve("A").get(0).format().x12Format()).isEqualTo(X12Format.PROFESSIONAL);
        assertThat(t.resolve("B").get(0).format().x12Format()).isEqualTo(X12Format.INSTITUTIONAL);
    }

    private static final String BASE = """
            destinations:
              out:
                format: AUTO
                transport: {type: file, directory: /tmp/out}
            payers:
              "*": [out]
            """;

    private void assertError(String yaml, int line, String message) {
        assertThatThrownBy(() -> loader.parse(yaml, "routes/payers/routing.yml"))
                .isInstanceOf(RoutingException.class)
                .hasMessage("routes/payers/routing.yml:" + line + ": " + message)
                .satisfies(e -> assertThat(((RoutingException) e).line()).isEqualTo(line));
    }

    @Test
    void unknownDestinationNamesFileAndLine() {
        assertError(BASE + "  \"60054\": [out, availty]\n", 7, "payer 60054 routes to unknown destination 'availty'");
    }

    @Test
    void typoInAKeyIsAnError() {
        assertError(BASE.replace("format: AUTO", "formatt: AUTO"), 3,
                "unknown key 'formatt' (expected one of format, transport, x12, batch, retry)");
    }

    @Test
    void badFormat() {
        assertError(BASE.replace("format: AUTO", "format: 835"), 3,
                "destination out: format must be 837P, 837I, AUTO or FHIR_CLAIM");
    }

    @Test
    void missingDefaultRoute() {
        assertError(BASE.replace("\"*\"", "\"X\""), 6, "payers has no \"*\" entry: every claim needs a route");
    }

    @Test
    void missingEnvironmentVariable() {
        assertError("""
                destinations:
                  h:
                    format: FHIR_CLAIM
                    transport:
                      type: fhir
                      baseUrl: https://fhir.example/r4
                      auth: {bearerToken: "${env:NOPE}"}
                payers: {"*": h}
                """, 7, "environment variable NOPE is not set");
    }

    @Test
    void fhirClaimNeedsAFhirTransport() {
        assertError(BASE.replace("format: AUTO", "format: FHIR_CLAIM"), 4,
                "destination out: FHIR_CLAIM needs a fhir transport");
    }

    @Test
    void sftpNeedsCredentialsAndX12Ids() {
        assertError("""
                destinations:
                  s:
                    format: 837P
                    transport: {type: sftp, host: h, user: u, directory: /in}
                payers: {"*": s}
                """, 4, "destination s: sftp needs a password or a privateKey");
        assertError("""
                destinations:
                  s:
                    format: 837P
                    transport: {type: sftp, host: h, user: u, password: p, directory: /in}
                payers: {"*": s}
                """, 3, "destination s: an 837 destination needs an x12 section (ISA/GS ids, submitter, receiver)");
    }

    private static final String FINGERPRINT = "SHA256:iYEM9pZZTY5vMfC8wnbzji93waU7IeC1ZolxDYcRO50";
    private static final String OTHER_FINGERPRINT = "SHA256:KMlnRqGlDJW8N2OWEo7qdYGFrvoKSb8GWoa86MrIrNc";

    /** An SFTP destination whose transport ends with {@code hostKeyLines} (indented as transport keys). */
    private static String sftp(String hostKeyLines) {
        return """
                destinations:
                  ch:
                    format: 837P
                    transport:
                      type: sftp
                      host: sftp.ch.example
                      user: u
                      password: p
                      directory: /in
                %s
                    x12:
                      sender: {id: SGH}
                      receiver: {id: CH}
                      submitter: {name: SGH, id: SGH01, email: edi@sgh.example}
                      receiverName: CH
                payers: {"*": ch}
                """.formatted(hostKeyLines.indent(6).stripTrailing());
    }

    private Transport.HostKeyCheck hostKeyCheck(String hostKeyLines) {
        return ((Transport.Sftp) loader.parse(sftp(hostKeyLines), "t.yml").destination("ch").transport())
                .hostKeyCheck();
    }

    @Test
    void sftpWithoutHostKeySettingsIsCheckedAgainstTheUsersKnownHostsNeverAcceptsAnyKey() {
        assertThat(hostKeyCheck("port: 22")).isEqualTo(new Transport.HostKeyCheck.Verify(
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), List.of()));
    }

    @Test
    void sftpHostKeysFromAKnownHostsFileAndPinnedFingerprints() {
        assertThat(hostKeyCheck("knownHosts: /etc/cb/known_hosts"))
                .isEqualTo(new Transport.HostKeyCheck.Verify(Path.of("/etc/cb/known_hosts"), List.of()));
        assertThat(hostKeyCheck("hostKeyFingerprint: " + FINGERPRINT))
                .isEqualTo(new Transport.HostKeyCheck.Verify(null, List.of(FINGERPRINT)));
        // A list (one per server key type, or old and new across a re-key); base64 padding is dropped.
        assertThat(hostKeyCheck("knownHosts: /k\nhostKeyFingerprint: [\"" + FINGERPRINT + "=\", " + OTHER_FINGERPRINT + "]"))
                .isEqualTo(new Transport.HostKeyCheck.Verify(Path.of("/k"), List.of(FINGERPRINT, OTHER_FINGERPRINT)));
        assertThat(hostKeyCheck("hostKeyCheck: off")).isEqualTo(new Transport.HostKeyCheck.Off());
    }

    @Test
    void malformedFingerprintNamesFileAndLine() {
        // Line 10 is the transport's last key; the second list item, the malformed one, is on line 12.
        assertError(sftp("hostKeyFingerprint:\n  - " + FINGERPRINT + "\n  - MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48"),
                12, "destination ch: hostKeyFingerprint must be SHA256: and 43 base64 characters, as ssh-keygen -lf "
                        + "prints it, was 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48'");
        // The whole ssh-keygen -lf line pasted instead of its fingerprint.
        assertError(sftp("hostKeyFingerprint: \"256 " + FINGERPRINT + " sftp.ch.example (ECDSA)\""), 10,
                "destination ch: hostKeyFingerprint must be SHA256: and 43 base64 characters, as ssh-keygen -lf "
                        + "prints it, was '256 " + FINGERPRINT + " sftp.ch.example (ECDSA)'");
        assertError(sftp("hostKeyFingerprint: " + FINGERPRINT.substring(0, 40)), 10,
                "destination ch: hostKeyFingerprint must be SHA256: and 43 base64 characters, as ssh-keygen -lf "
                        + "prints it, was '" + FINGERPRINT.substring(0, 40) + "'");
        assertError(sftp("hostKeyFingerprint: []"), 10, "destination ch: hostKeyFingerprint is empty");
    }

    @Test
    void hostKeyCheckOffIsExplicitAndAlone() {
        assertError(sftp("hostKeyCheck: off\nknownHosts: /k"), 10,
                "destination ch: hostKeyCheck: off contradicts knownHosts/hostKeyFingerprint");
        assertError(sftp("hostKeyCheck: no"), 10, "destination ch: hostKeyCheck must be strict or off, was 'no'");
        assertError(sftp("hostKeyFingerprints: " + FINGERPRINT), 10, "unknown key 'hostKeyFingerprints' (expected one "
                + "of type, host, port, user, password, privateKey, privateKeyPassphrase, directory, knownHosts, "
                + "hostKeyFingerprint, hostKeyCheck)");
    }

    @Test
    void sftpPrivateKeyWithAPassphraseFromTheEnvironment() {
        String keyLines = "privateKey: /etc/cb/id_ed25519\nprivateKeyPassphrase: \"${env:CLEARINGHOUSE_SFTP_PASSWORD}\"";
        Transport.Sftp sftp = (Transport.Sftp) loader.parse(sftp(keyLines), "t.yml").destination("ch").transport();
        assertThat(sftp.privateKey()).isEqualTo(new Transport.KeyFile(Path.of("/etc/cb/id_ed25519"), "s3cret"));
        assertThat(sftp.toString()).contains("/etc/cb/id_ed25519").doesNotContain("s3cret");
        assertThat(((Transport.Sftp) loader.parse(sftp("privateKey: /k"), "t.yml").destination("ch").transport())
                .privateKey()).isEqualTo(new Transport.KeyFile(Path.of("/k"), null));
        assertError(sftp("privateKeyPassphrase: x"), 10, "destination ch: privateKeyPassphrase without a privateKey");
    }

    @Test
    void badRetryAndBatchValues() {
        assertError(BASE.replace("    transport:", "    retry: {maxBackoff: 1s, initialBackoff: 5s}\n    transport:"), 4,
                "retry: maxBackoff must be >= initialBackoff");
        assertError(BASE.replace("    transport:", "    batch: {maxClaims: 9000}\n    transport:"), 4,
                "maxClaims must be 1..5000, was 9000");
        assertError(BASE.replace("    transport:", "    retry: {initialBackoff: soon}\n    transport:"), 4,
                "initialBackoff must be a duration like 500ms, 5s, 10m, 1h, was 'soon'");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> loader.parse("destinations:\n  out: {format: AUTO\npayers: x\n", "r.yml"))
                .isInstanceOf(RoutingException.class)
                .hasMessageStartingWith("r.yml:3: YAML syntax");
    }

    @Test
    void fileOnDiskErrorsNameThatFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("routing.yml");
        Files.writeString(f, BASE + "  \"B\": []\n");
        assertThatThrownBy(() -> loader.load(f)).hasMessage(f + ":7: payer B routes to no destination");
    }
}
