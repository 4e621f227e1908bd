package io.claimbridge.ingest;

/**
 * A message the listener cannot accept. Carries whatever header could be read, so the ACK
 * can still mirror MSH-3/4/5/6, MSH-10 and the version.
 */
public class Hl7Rejection extends Exception {
    private final transient Hl7Error error;
    private final transient PartialHeader partial;

    public Hl7Rejection(Hl7Error error, PartialHeader partial) {
        super(error.text(), null, false, false);
        this.error = error;
        this.partial = partial;
    }

    public Hl7Error error() {
        return error;
    }

    /** Fields of MSH read before the problem was found; never null. */
    public PartialHeader partial() {
        return partial;
    }

    /** Best-effort MSH fields for the ACK of a rejected message. */
    public record PartialHeader(char fieldSeparator, String encodingCharacters, String sendingApplication,
                                String sendingFacility, String receivingApplication, String receivingFacility,
                                String messageType, String triggerEvent, String controlId, String processingId,
                                String version, String acceptAckType) {
        public static final PartialHeader NONE =
                new PartialHeader('|', "^~\\&", "", "", "", "", "", "", "", "P", "", "");

        public static PartialHeader of(Hl7Header h) {
            return new PartialHeader(h.fieldSeparator(), h.encodingCharacters(), h.sendingApplication(),
                    h.sendingFacility(), h.receivingApplication(), h.receivingFacility(), h.messageType(),
                    h.triggerEvent(), h.controlId(), h.processingId(), h.version(), h.acceptAckType());
        }
    }
}
