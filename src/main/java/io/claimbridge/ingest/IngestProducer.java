package io.claimbridge.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Hands one MLLP payload to {@link Hl7Receiver} and sets the ACK the listener sends back. */
public class IngestProducer extends DefaultProducer {
    public static final String MESSAGE_ID_HEADER = "ClaimbridgeMessageId";

    private final Hl7Receiver receiver;
    private final ListenerSettings settings;

    IngestProducer(IngestEndpoint endpoint, Hl7Receiver receiver) {
        super(endpoint);
        this.receiver = receiver;
        this.settings = endpoint.settings();
    }

    @Override
    public void process(Exchange exchange) {
        byte[] payload = exchange.getIn().getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        Long oversize = exchange.getIn().getHeader(MllpListenerConsumer.OVERSIZE_HEADER, Long.class);
        Hl7Receiver.Reply reply = oversize != null
                ? receiver.rejectOversize(payload, oversize, settings)
                : receiver.receive(payload, settings, "MLLP");
        if (reply.ack() != null) {
            exchange.setProperty(MllpListenerConsumer.ACK_PROPERTY, reply.ack());
        }
        if (reply.messageId() != null) {
            exchange.getMessage().setHeader(MESSAGE_ID_HEADER, reply.messageId());
        }
    }
}
