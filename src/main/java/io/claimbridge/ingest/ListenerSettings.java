package io.claimbridge.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One listener's rules, from its route file: the sender name it stores messages under, its ack
 * mode, the message types it takes ("ADT^A01", or "ADT" for every ADT trigger) and the size limit.
 */
public record ListenerSettings(String sender, AckMode ackMode, Set<String> messageTypes, int maxMessageBytes) {

    public static final Set<String> DEFAULT_TYPES = Set.of(
            "ADT^A01", "ADT^A03", "ADT^A04", "ADT^A08", "ADT^A11", "ADT^A13", "DFT^P03");

    public ListenerSettings {
        if (sender == null || !sender.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("sender name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        messageTypes = messageTypes.stream().map(t -> t.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** null when the type is taken, else the reason it is not. */
    public Hl7Error checkType(String messageType, String trigger) {
        if (messageTypes.contains(messageType + "^" + trigger) || messageTypes.contains(messageType)) {
            return null;
        }
        boolean typeKnown = messageTypes.stream().anyMatch(t -> t.startsWith(messageType + "^"));
        if (typeKnown) {
            return new Hl7Error(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 1, 9,
                    "Trigger event " + clean(trigger) + " is not accepted by listener " + sender);
        }
        return new Hl7Error(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 1, 9,
                "Message type " + clean(messageType) + " is not accepted by listener " + sender);
    }

    private static String clean(String s) {
        String t = s.length() > 8 ? s.substring(0, 8) : s;
        return t.replaceAll("[^A-Za-z0-9]", "?");
    }
}
