package io.claimbridge.ingest;

/**
 * One reason a message is not accepted: table 0357 code, where (segment id, segment
 * sequence, field position; 0 when not known) and a plain text that never quotes message content.
 */
public record Hl7Error(ErrorCode code, String segment, int sequence, int field, String text) {

    public static Hl7Error at(ErrorCode code, String segment, int field, String text) {
        return new Hl7Error(code, segment, 1, field, text);
    }

    public static Hl7Error general(ErrorCode code, String text) {
        return new Hl7Error(code, null, 0, 0, text);
    }
}
