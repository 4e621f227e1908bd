package io.claimbridge.ingest;

import java.nio.charset.Charset;

/**
 * What the listener needs from MSH, read without a full parse: routing, the ACK it owes
 * and the store's index columns. {@code text} is the whole message decoded with {@code charset},
 * segments ending in CR.
 */
public record Hl7Header(
        char fieldSeparator,
        String encodingCharacters,
        String sendingApplication,   // MSH-3, as sent (all components)
        String sendingFacility,      // MSH-4
        String receivingApplication, // MSH-5
        String receivingFacility,    // MSH-6
        String messageType,          // MSH-9.1
        String triggerEvent,         // MSH-9.2
        String controlId,            // MSH-10
        String processingId,         // MSH-11
        String version,              // MSH-12.1
        String acceptAckType,        // MSH-15 (enhanced mode when present)
        String applicationAckType,   // MSH-16
        String characterSet,         // MSH-18 as sent
        Charset charset,
        String text) {

    public boolean enhancedMode() {
        return acceptAckType != null && !acceptAckType.isEmpty();
    }

    /** Version as a comparable number, e.g. 2.5.1 → 251, 2.8 → 280. */
    public int versionNumber() {
        return Hl7Versions.number(version);
    }
}
