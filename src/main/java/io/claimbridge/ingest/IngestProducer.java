package io.claimbridge.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands one MLLP payload to {@link Hl7Receiver} and sets the ACK camel-mllp will send back. */
public class IngestProducer extends DefaultProducer {
    private static final Logger log = LoggerFactory.getLogger(IngestProducer.class);
    /** camel-mllp sends the bytes found in this exchange property as the acknowledgement. */
    static final String MLLP_ACKNOWLEDGEMENT = "CamelMllpAcknowledgement";
    public static final String MESSAGE_ID_HEADER = "ClaimbridgeMessageId";
    private static final byte START_OF_BLOCK = 0x0B;

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
        payload = dropUnterminatedFrame(payload);
        Hl7Receiver.Reply reply = receiver.receive(payload, settings, "MLLP");
        if (reply.ack() != null) {
            exchange.setProperty(MLLP_ACKNOWLEDGEMENT, reply.ack());
        }
        if (reply.messageId() != null) {
            exchange.getMessage().setHeader(MESSAGE_ID_HEADER, reply.messageId());
        }
    }

    /**
     * A sender that lost a frame's end block and then started a new frame leaves both in one
     * payload: the part before the last start block was never completed, so it is dropped (and
     * the sender, having had no ACK for it, sends it again) and the complete frame is processed.
     */
    private byte[] dropUnterminatedFrame(byte[] payload) {
        for (int i = payload.length - 1; i >= 0; i--) {
            if (payload[i] == START_OF_BLOCK) {
                log.warn("listener {}: framing error, dropped {} bytes of an unterminated frame",
                        settings.sender(), i);
                return java.util.Arrays.copyOfRange(payload, i + 1, payload.length);
            }
        }
        return payload;
    }
}
