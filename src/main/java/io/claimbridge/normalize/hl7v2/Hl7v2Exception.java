package io.claimbridge.normalize.hl7v2;

/** The message cannot be normalized; the text names the segment/field, never patient data. */
public class Hl7v2Exception extends RuntimeException {
    public Hl7v2Exception(String message) {
        super(message);
    }

    public Hl7v2Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
