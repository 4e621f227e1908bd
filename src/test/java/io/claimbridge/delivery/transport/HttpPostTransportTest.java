package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.retry.RetryPlanner;
import io.claimbridge.delivery.routing.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real HTTP server (the JDK's): body, headers, and status classification. */
class HttpPostTransportTest {
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private URI serve(int status, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/claims", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                exchange.getResponseBody().write(b);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/claims");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static HttpPostTransport transport(URI url) {
        return new HttpPostTransport(new Transport.HttpPost(url, new Transport.Auth.Bearer("tok")), Duration.ofSeconds(3));
    }

    @Test
    void postsTheInterchangeWithItsKey() throws Exception {
        transport(serve(202, "")).send("ch-000000007.837", "ISA*00~".getBytes(StandardCharsets.US_ASCII));
        assertThat(received).containsExactly("ch-000000007.837 Bearer tok ISA*00~");
    }

    @Test
    void serverErrorIsRetriedClientErrorIsNot() throws Exception {
        URI down = serve(503, "");
        assertThatThrownBy(() -> transport(down).send("k", new byte[] {1}))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(RetryPlanner.isTransient(e.failure())).isTrue());
        stop();
        URI refusing = serve(422, "{\"resourceType\":\"OperationOutcome\"}");
        assertThatThrownBy(() -> transport(refusing).send("k", new byte[] {1}))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(((DeliveryFailure.HttpStatus) e.failure()).operationOutcome()).isTrue();
                    assertThat(RetryPlanner.isTransient(e.failure())).isFalse();
                });
    }

    @Test
    void nobodyListeningIsAConnectionFailure() {
        URI closed = URI.create("http://127.0.0.1:" + LocalPorts.free() + "/claims");
        assertThatThrownBy(() -> transport(closed).send("k", new byte[] {1}))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.failure()).isInstanceOf(DeliveryFailure.ConnectionFailed.class));
    }
}
