package io.claimbridge.store;

import java.time.Instant;

/** A message about to be stored, as received. */
public record NewMessage(
        String source,
        String sender,
        String sendingApp,
        String sendingFacility,
        String controlId,
        String messageType,
        String triggerEvent,
        String version,
        byte[] raw,
        String contentSha256,
        Instant receivedAt,
        MessageStatus status,
        String error) {

    /** A message accepted for processing. */
    public static NewMessage received(String source, String sender, String sendingApp, String sendingFacility,
                                      String controlId, String messageType, String triggerEvent, String version,
                                      byte[] raw, String contentSha256, Instant receivedAt) {
        return new NewMessage(source, sender, sendingApp, sendingFacility, controlId, messageType, triggerEvent,
                version, raw, contentSha256, receivedAt, MessageStatus.RECEIVED, null);
    }
}
