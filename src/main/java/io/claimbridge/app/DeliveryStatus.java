package io.claimbridge.app;

import java.util.Set;

/** The statuses of a delivery row (column {@code delivery.status}); see README "Delivery". */
public final class DeliveryStatus {
    private DeliveryStatus() {
    }

    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String FAILED = "FAILED";
    public static final String DEAD = "DEAD";
    public static final String ERROR = "ERROR";

    public static final Set<String> ALL = Set.of(PENDING, SENDING, SENT, ACCEPTED, FAILED, DEAD, ERROR);

    /** What counts as delivered: the destination has it. */
    public static final Set<String> DONE = Set.of(SENT, ACCEPTED);

    /** The claim status once every destination has it. */
    public static final String CLAIM_DELIVERED = "DELIVERED";
}
