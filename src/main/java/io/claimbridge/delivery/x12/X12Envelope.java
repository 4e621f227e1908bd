package io.claimbridge.delivery.x12;

import java.util.Objects;

/**
 * Trading-partner settings for one interchange: ISA/GS sender and receiver, usage indicator and
 * the 1000A submitter / 1000B receiver names. Comes from the destination's routing entry.
 */
public record X12Envelope(
        String senderQualifier,
        String senderId,
        String receiverQualifier,
        String receiverId,
        String gsSenderCode,
        String gsReceiverCode,
        Usage usage,
        boolean acknowledgmentRequested,
        Submitter submitter,
        Receiver receiver) {

    /** ISA15: test or production data. */
    public enum Usage { T, P }

    /** 1000A: NM1*41 + PER. At least one of phone / email is needed (PER04). */
    public record Submitter(String name, String id, String contactName, String phone, String email) {
        public Submitter {
            Objects.requireNonNull(name, "submitter name");
            requireLength("1000A NM109 submitter id", id, 2, 80);
            if (email != null) {
                requireLength("1000A PER email", email, 3, 256);
            }
        }
    }

    /** 1000B: NM1*40. */
    public record Receiver(String name, String id) {
        public Receiver {
            Objects.requireNonNull(name, "receiver name");
            requireLength("1000B NM109 receiver id", id, 2, 80);
        }
    }

    public X12Envelope {
        requireLength("ISA05 sender qualifier", senderQualifier, 2, 2);
        requireLength("ISA06 sender id", senderId, 1, 15);
        requireLength("ISA07 receiver qualifier", receiverQualifier, 2, 2);
        requireLength("ISA08 receiver id", receiverId, 1, 15);
        requireLength("GS02 sender code", gsSenderCode, 2, 15);
        requireLength("GS03 receiver code", gsReceiverCode, 2, 15);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(receiver, "receiver");
        if (submitter.phone() == null && submitter.email() == null) {
            throw new IllegalArgumentException("submitter needs a contact phone or email (1000A PER)");
        }
    }

    private static void requireLength(String what, String value, int min, int max) {
        if (value == null || value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '*' || c == ':' || c == '~' || c == '^') {
                throw new IllegalArgumentException(what + " contains an X12 delimiter or non-ASCII character");
            }
        }
    }
}
