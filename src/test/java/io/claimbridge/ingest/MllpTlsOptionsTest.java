package io.claimbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;

import javax.net.ssl.SSLServerSocket;

import io.claimbridge.app.TestPki;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The TLS options of hl7-mllp: what a route file may say, and the start-up error for what it may not. */
@ExtendWith(OutputCaptureExtension.class)
class MllpTlsOptionsTest {
    private static DefaultCamelContext camel;
    private static String keyStore;
    private static String trustStore;
    private static final String PASSWORD = "RAW(" + TestPki.PASSWORD + ")";

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.addComponent(MllpListenerComponent.SCHEME, new MllpListenerComponent(1024));
        camel.start();
        keyStore = TestPki.get().serverKeyStore().toString();
        trustStore = TestPki.get().serverTrustStore().toString();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static MllpListenerEndpoint endpoint(String options) {
        return (MllpListenerEndpoint) camel.getEndpoint(MllpListenerComponent.SCHEME + ":127.0.0.1:2599?" + options);
    }

    @Test
    void serverCertificateOnlyWithTheDefaultProtocols() throws Exception {
        MllpTlsServerSocketFactory tls = endpoint("tls=true&keyStore=" + keyStore + "&keyStorePassword=" + PASSWORD)
                .tlsServerSocketFactory();
        try (ServerSocket s = tls.create()) {
            SSLServerSocket ssl = (SSLServerSocket) s;
            assertThat(ssl.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(ssl.getNeedClientAuth()).isFalse();
            assertThat(ssl.getWantClientAuth()).isFalse();
        }
    }

    @Test
    void clientAuthWantAndNeedWithATrustStore() throws Exception {
        String base = "tls=true&keyStore=" + keyStore + "&keyStorePassword=" + PASSWORD + "&trustStore=" + trustStore
                + "&trustStorePassword=" + PASSWORD + "&tlsProtocols=TLSv1.3";
        try (SSLServerSocket s = (SSLServerSocket) endpoint(base + "&clientAuth=need").tlsServerSocketFactory().create()) {
            assertThat(s.getNeedClientAuth()).isTrue();
            assertThat(s.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
        try (SSLServerSocket s = (SSLServerSocket) endpoint(base + "&clientAuth=WANT").tlsServerSocketFactory().create()) {
            assertThat(s.getWantClientAuth()).isTrue();
        }
    }

    @Test
    void anExpiredServerCertificateIsWarnedAboutAtStart(@TempDir Path dir, CapturedOutput output) throws Exception {
        Path expired = dir.resolve("expired.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-noprompt", "-keystore", expired.toString(), "-storetype", "PKCS12", "-storepass",
                "expired-pw", "-alias", "old", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=old-engine",
                "-startdate", "-10d", "-validity", "1").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        assertThat(endpoint("tls=true&keyStore=" + expired + "&keyStorePassword=expired-pw").tlsServerSocketFactory())
                .isNotNull();
        assertThat(output.getAll()).contains("server certificate CN=old-engine is valid only from")
                .doesNotContain("expired-pw");
    }

    @Test
    void plainListenerHasNoTlsAndTlsOptionsWithoutTlsAreAnError() {
        assertThat(endpoint("maxConnections=5").tlsServerSocketFactory()).isNull();
        assertThatThrownBy(() -> endpoint("keyStore=" + keyStore).tlsServerSocketFactory())
                .hasMessageContaining("tls is not true");
        assertThatThrownBy(() -> endpoint("clientAuth=need").tlsServerSocketFactory())
                .hasMessageContaining("tls is not true");
    }

    @Test
    void badSettingsStopStartUpWithTheReasonAndNeverThePassword() {
        assertThatThrownBy(() -> endpoint("tls=true").tlsServerSocketFactory())
                .hasMessageContaining("port 2599").hasMessageContaining("needs keyStore");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=" + keyStore).tlsServerSocketFactory())
                .hasMessageContaining("needs keyStorePassword");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=nowhere.p12&keyStorePassword=x").tlsServerSocketFactory())
                .hasMessageContaining("nowhere.p12 is not a file");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=" + keyStore + "&keyStorePassword=wrong-pw")
                .tlsServerSocketFactory())
                .hasMessageContaining("password was incorrect").hasMessageNotContaining("wrong-pw");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=" + trustStore + "&keyStorePassword=" + PASSWORD)
                .tlsServerSocketFactory())
                .hasMessageContaining("holds no private key");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=" + keyStore + "&keyStorePassword=" + PASSWORD
                + "&clientAuth=need").tlsServerSocketFactory())
                .hasMessageContaining("clientAuth=need needs trustStore");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=" + keyStore + "&keyStorePassword=" + PASSWORD
                + "&tlsProtocols=TLSv9").tlsServerSocketFactory())
                .hasMessageContaining("TLSv9 is not one of");
        assertThatThrownBy(() -> endpoint("tls=true&keyStore=" + keyStore + "&keyStorePassword=" + PASSWORD
                + "&tlsProtocols=,").tlsServerSocketFactory())
                .hasMessageContaining("port 2599").hasMessageContaining("tlsProtocols is empty");
        assertThatThrownBy(() -> endpoint("tls=true&clientAuth=sometimes"))
                .hasStackTraceContaining("clientAuth must be none, want or need");
    }
}
