package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.SocketFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.StoredMessage;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The TLS listeners of test-routes/mllp-tls.yaml: HAPI's client over TLS, a plain client on the TLS
 * port, mutual TLS with no, an impostor's and the trusted client certificate. Every refusal costs
 * only that connection: the listener answers the next good client and health stays UP.
 */
@ExtendWith(OutputCaptureExtension.class)
class MllpTlsTest extends AppTestSupport {
    @Autowired
    TestRestTemplate http;

    @Autowired
    CamelContext camel;

    private static String message(String controlId) {
        return sample("v251", "ADT_A01").replace("A01-2.5.1", controlId);
    }

    @Test
    void hapiClientOverTlsGetsAaAndTheMessageIsStored() throws Exception {
        try (HapiContext ctx = new DefaultHapiContext()) {
            ctx.setModelClassFactory(new CanonicalModelClassFactory("2.8.1"));
            ctx.setValidationContext(ValidationContextFactory.noValidation());
            ctx.setSocketFactory(new TlsClientSockets(TestPki.get().clientContext(null)));
            Connection connection = ctx.newClient("127.0.0.1", TLS_PORT, true);
            try {
                Message sent = ctx.getPipeParser().parse(message("TLS-HAPI-1"));
                Terser ack = new Terser(connection.getInitiator().sendAndReceive(sent));
                assertThat(ack.get("/MSA-1")).isEqualTo("AA");
                assertThat(ack.get("/MSA-2")).isEqualTo("TLS-HAPI-1");

                List<StoredMessage> rows = store.list(new MessageQuery("tls", "TLS-HAPI-1", null, 10));
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).source()).isEqualTo("MLLP");
                assertThat(new String(store.get(rows.get(0).id()).orElseThrow().raw(), StandardCharsets.UTF_8))
                        .isEqualTo(ctx.getPipeParser().encode(sent));
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void aTlsConnectionKeepsWorkingAcrossIdleReadPolls() throws Exception {
        try (MllpClient c = new MllpClient(TestPki.get().connect(TLS_PORT, null))) {
            assertThat(MllpClient.field(c.exchange(message("TLS-IDLE-1")), "MSA", 1)).isEqualTo("AA");
            Thread.sleep(2500); // the listener's reads time out every second while idle; TLS must survive that
            assertThat(MllpClient.field(c.exchange(message("TLS-IDLE-2")), "MSA", 1)).isEqualTo("AA");
        }
    }

    @Test
    void plainTcpClientOnTheTlsPortIsRefusedAndTheListenerKeepsServing(CapturedOutput output) throws Exception {
        try (MllpClient c = new MllpClient(TLS_PORT)) {
            assertThat(refused(c, message("TLS-PLAIN-1"))).isTrue();
        }
        assertThat(store.list(new MessageQuery(null, "TLS-PLAIN-1", null, 5))).isEmpty();
        await(Duration.ofSeconds(10), () -> output.getAll().contains("TLS handshake with /127.0.0.1:"),
                "the handshake failure in the log");
        assertThat(output.getAll()).doesNotContain("EVERYWOMAN").doesNotContain("MRN100234").doesNotContain("TLS-PLAIN-1");

        try (MllpClient c = new MllpClient(TestPki.get().connect(TLS_PORT, null))) {
            assertThat(MllpClient.field(c.exchange(message("TLS-AFTER-PLAIN")), "MSA", 1)).isEqualTo("AA");
        }
        assertListenersUp();
    }

    @Test
    void mutualTlsRefusesClientsWithoutATrustedCertificateAndAcceptsTheTrustedOne(CapturedOutput output)
            throws Exception {
        TestPki pki = TestPki.get();
        try (MllpClient c = new MllpClient(pki.connect(MUTUAL_TLS_PORT, null))) {
            assertThat(refused(c, message("MTLS-NO-CERT"))).as("no client certificate").isTrue();
        }
        try (MllpClient c = new MllpClient(pki.connect(MUTUAL_TLS_PORT, pki.strangerKeyStore()))) {
            assertThat(refused(c, message("MTLS-IMPOSTOR"))).as("untrusted client certificate").isTrue();
        }
        try (MllpClient c = new MllpClient(pki.connect(MUTUAL_TLS_PORT, pki.clientKeyStore()))) {
            assertThat(MllpClient.field(c.exchange(message("MTLS-TRUSTED")), "MSA", 1)).isEqualTo("AA");
        }
        assertThat(store.list(new MessageQuery(null, "MTLS-NO-CERT", null, 5))).isEmpty();
        assertThat(store.list(new MessageQuery(null, "MTLS-IMPOSTOR", null, 5))).isEmpty();
        assertThat(store.list(new MessageQuery("tls-mutual", "MTLS-TRUSTED", null, 5))).hasSize(1);
        await(Duration.ofSeconds(10), () -> output.getAll().split("MLLP listener " + MUTUAL_TLS_PORT
                + ": TLS handshake with /127.0.0.1:", -1).length > 2, "both refusals in the log");
        assertListenersUp();
    }

    @Test
    void aPeerThatNeverStartsTheHandshakeIsDroppedAfterTheFrameTimeout(CapturedOutput output) throws Exception {
        try (Socket silent = new Socket("127.0.0.1", MUTUAL_TLS_PORT)) {
            silent.setSoTimeout(20_000);
            long start = System.nanoTime();
            silent.getInputStream().readAllBytes(); // at most a TLS alert, then the listener closes
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2500));
        }
        await(Duration.ofSeconds(5), () -> output.getAll().contains("failed: not completed within 3000 ms"),
                "the handshake timeout in the log");
    }

    @Test
    void theKeyStorePasswordIsNeverShown() {
        String uri = camel.getRoute("mllp-tls-mutual").getEndpoint().toString();
        assertThat(uri).contains("keyStorePassword").doesNotContain(TestPki.PASSWORD);
        assertThat(http.getForObject("/actuator/health", String.class)).doesNotContain(TestPki.PASSWORD);
    }

    @SuppressWarnings("unchecked")
    private void assertListenersUp() {
        Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
        Map<String, Object> listeners = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("listeners");
        assertThat(listeners).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) listeners.get("details");
        assertThat((Map<String, Object>) details.get("mllp-tls")).containsEntry("tls", true).containsEntry("listening", true);
        assertThat((Map<String, Object>) details.get("mllp-tls-mutual")).containsEntry("tls", true)
                .containsEntry("listening", true);
        assertThat((Map<String, Object>) details.get("mllp-default")).containsEntry("tls", false);
    }

    /** No ACK came back: the connection closed, the TLS layer failed, or nothing arrived in time. */
    private static boolean refused(MllpClient c, String message) {
        try {
            return c.exchange(message) == null;
        } catch (IOException e) {
            return true;
        }
    }

    /** HAPI's client sockets over a test SSLContext, instead of the JVM-wide default trust store. */
    private record TlsClientSockets(SSLContext context) implements SocketFactory {
        @Override
        public Socket createSocket() {
            return new Socket();
        }

        @Override
        public Socket createTlsSocket() throws IOException {
            return context.getSocketFactory().createSocket();
        }

        @Override
        public ServerSocket createServerSocket() {
            throw new UnsupportedOperationException("client only");
        }

        @Override
        public ServerSocket createTlsServerSocket() {
            throw new UnsupportedOperationException("client only");
        }

        @Override
        public void configureNewAcceptedSocket(Socket socket) throws SocketException {
            // client only: nothing is accepted
        }
    }
}
