package io.claimbridge.ingest;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * Camel component {@code hl7-mllp:HOST:PORT}: an MLLP listener. Each complete frame goes
 * through the route as one exchange, and whatever the route left in
 * {@link MllpListenerConsumer#ACK_PROPERTY} is framed and sent back as the acknowledgement.
 */
public class MllpListenerComponent extends DefaultComponent {
    public static final String SCHEME = "hl7-mllp";

    private final int defaultMaxMessageBytes;

    public MllpListenerComponent(int defaultMaxMessageBytes) {
        this.defaultMaxMessageBytes = defaultMaxMessageBytes;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int colon = remaining.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(SCHEME + " URI must be " + SCHEME + ":host:port, got " + uri);
        }
        String host = remaining.substring(0, colon);
        int port = Integer.parseInt(remaining.substring(colon + 1));
        MllpListenerEndpoint endpoint = new MllpListenerEndpoint(uri, this, host, port);
        endpoint.setMaxMessageBytes(defaultMaxMessageBytes);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
