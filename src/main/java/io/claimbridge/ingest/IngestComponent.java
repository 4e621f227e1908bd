package io.claimbridge.ingest;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * Camel component {@code hl7-ingest:SENDER?ackMode=&messageTypes=&maxMessageBytes=&batch=}: the step a
 * listener route sends each received HL7 v2 payload to. It stores the message and puts the ACK
 * where camel-mllp sends it from.
 */
public class IngestComponent extends DefaultComponent {
    public static final String SCHEME = "hl7-ingest";

    private final Hl7Receiver receiver;
    private final BatchFileIngest batchIngest;
    private final int defaultMaxMessageBytes;

    public IngestComponent(Hl7Receiver receiver, BatchFileIngest batchIngest, int defaultMaxMessageBytes) {
        this.receiver = receiver;
        this.batchIngest = batchIngest;
        this.defaultMaxMessageBytes = defaultMaxMessageBytes;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        IngestEndpoint endpoint = new IngestEndpoint(uri, this, remaining);
        endpoint.setMaxMessageBytes(defaultMaxMessageBytes);
        setProperties(endpoint, parameters);
        endpoint.settings(); // fail at start-up, naming the route, on a bad listener setting
        return endpoint;
    }

    Hl7Receiver receiver() {
        return receiver;
    }

    BatchFileIngest batchIngest() {
        return batchIngest;
    }
}
