package io.claimbridge.delivery.routing;

import io.claimbridge.delivery.x12.X12Envelope;

/**
 * A destination's X12 trading-partner identity. Kept as plain strings here (what the file says);
 * {@link #toEnvelope()} applies the envelope's own checks.
 */
public record X12Partner(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                         String gsSender, String gsReceiver, X12Envelope.Usage usage, boolean acknowledgment,
                         String submitterName, String submitterId, String contactName, String contactPhone,
                         String contactEmail, String receiverName) {

    /** What the default outbox uses when no routing file says otherwise: test data, placeholder ids. */
    public static final X12Partner DEFAULT = new X12Partner("ZZ", "CLAIMBRIDGE", "ZZ", "RECEIVER", "CLAIMBRIDGE",
            "RECEIVER", X12Envelope.Usage.T, false, "CLAIMBRIDGE", "CLAIMBRIDGE", "CLAIMBRIDGE", null,
            "claims@localhost", "RECEIVER");

    public X12Envelope toEnvelope() {
        return new X12Envelope(senderQualifier, senderId, receiverQualifier, receiverId, gsSender, gsReceiver, usage,
                acknowledgment,
                new X12Envelope.Submitter(submitterName, submitterId, contactName, contactPhone, contactEmail),
                new X12Envelope.Receiver(receiverName, receiverId));
    }
}
