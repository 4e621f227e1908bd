package io.claimbridge.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One listener's ingest settings, as written in its route file. */
public class IngestEndpoint extends DefaultEndpoint {
    private final String sender;
    private String ackMode = "original";
    private String messageTypes = String.join(",", ListenerSettings.DEFAULT_TYPES);
    private int maxMessageBytes;
    private boolean batch;
    private ListenerSettings settings;

    IngestEndpoint(String uri, IngestComponent component, String sender) {
        super(uri, component);
        this.sender = sender;
    }

    @Override
    public Producer createProducer() {
        IngestComponent component = (IngestComponent) getComponent();
        return batch ? new BatchIngestProducer(this, component.batchIngest())
                : new IngestProducer(this, component.receiver());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(IngestComponent.SCHEME + " is a step, not a listener: use mllp: or file: in from");
    }

    synchronized ListenerSettings settings() {
        if (settings == null) {
            AckMode mode = AckMode.valueOf(ackMode.trim().toUpperCase(Locale.ROOT));
            Set<String> types = Arrays.stream(messageTypes.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            settings = new ListenerSettings(sender, mode, types, maxMessageBytes);
        }
        return settings;
    }

    public void setAckMode(String ackMode) {
        this.ackMode = ackMode;
    }

    public void setMessageTypes(String messageTypes) {
        this.messageTypes = messageTypes;
    }

    /** true: the body is a whole file of one or more messages (inbox), not one MLLP payload. */
    public void setBatch(boolean batch) {
        this.batch = batch;
    }

    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }
}
