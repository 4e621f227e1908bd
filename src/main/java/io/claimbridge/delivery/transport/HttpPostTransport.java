package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.routing.Transport;

/**
 * POSTs the interchange to a clearinghouse batch endpoint. The batch key goes in an
 * {@code Idempotency-Key} header: HTTP cannot be asked afterwards whether a request arrived, so a
 * resend after a crash relies on the peer recognising the key (and the unchanged ISA13).
 */
public final class HttpPostTransport implements InterchangeTransport {
    private final Transport.HttpPost config;
    private final HttpClient http;
    private final Duration timeout;

    public HttpPostTransport(Transport.HttpPost config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if (config.auth() instanceof Transport.Auth.ClientCertificate cert) {
            b.sslContext(ClientTls.context(cert));
        }
        this.http = b.build();
    }

    @Override
    public boolean holds(String batchKey) {
        return false;
    }

    @Override
    public void send(String batchKey, byte[] interchange) throws TransportException {
        HttpRequest.Builder req = HttpRequest.newBuilder(config.url())
                .timeout(timeout)
                .header("Content-Type", "application/edi-x12")
                .header("Idempotency-Key", batchKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(interchange));
        if (config.auth() instanceof Transport.Auth.Bearer bearer) {
            req.header("Authorization", "Bearer " + bearer.token());
        }
        HttpResponse<String> response;
        try {
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new TransportException(new DeliveryFailure.ConnectionFailed("POST " + config.url().getHost()
                    + ": " + e.getClass().getSimpleName()), e);
        } catch (HttpTimeoutException e) {
            throw new TransportException(new DeliveryFailure.Timeout("POST " + config.url().getHost()), e);
        } catch (IOException e) {
            throw new TransportException(new DeliveryFailure.IoError("POST " + config.url().getHost() + ": "
                    + e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(new DeliveryFailure.IoError("interrupted"), e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            boolean outcome = response.body() != null && response.body().contains("\"OperationOutcome\"");
            throw new TransportException(new DeliveryFailure.HttpStatus(status, outcome, "POST " + batchKey));
        }
    }
}
