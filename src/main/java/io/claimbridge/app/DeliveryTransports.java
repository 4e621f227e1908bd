package io.claimbridge.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.claimbridge.delivery.routing.Destination;
import io.claimbridge.delivery.routing.Transport;
import io.claimbridge.delivery.transport.FhirClaimTransport;
import io.claimbridge.delivery.transport.FileDropTransport;
import io.claimbridge.delivery.transport.HttpPostTransport;
import io.claimbridge.delivery.transport.InterchangeTransport;
import io.claimbridge.delivery.transport.SftpTransport;

/**
 * The live transport for each destination of the routing table, built on first use and kept
 * (an SSH client or FHIR client is worth reusing), closed with the application.
 */
public class DeliveryTransports implements AutoCloseable {
    private final Duration timeout;
    private final Map<String, Object> byDestination = new ConcurrentHashMap<>();

    public DeliveryTransports(Duration timeout) {
        this.timeout = timeout;
    }

    public InterchangeTransport interchange(Destination d) {
        return (InterchangeTransport) byDestination.computeIfAbsent(d.name(), n -> {
            Transport t = d.transport();
            if (t instanceof Transport.FileDrop f) {
                return new FileDropTransport(f.directory());
            } else if (t instanceof Transport.Sftp s) {
                return new SftpTransport(s, timeout);
            } else if (t instanceof Transport.HttpPost h) {
                return new HttpPostTransport(h, timeout);
            }
            throw new IllegalArgumentException(n + " is a FHIR destination");
        });
    }

    public FhirClaimTransport fhir(Destination d) {
        return (FhirClaimTransport) byDestination.computeIfAbsent(d.name(), n -> {
            if (!(d.transport() instanceof Transport.Fhir f)) {
                throw new IllegalArgumentException(n + " is not a FHIR destination");
            }
            return new FhirClaimTransport(f, timeout);
        });
    }

    @Override
    public void close() {
        for (Object t : byDestination.values()) {
            if (t instanceof SftpTransport s) {
                s.close();
            }
        }
    }
}
