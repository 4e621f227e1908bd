package io.claimbridge.delivery.transport;

import io.claimbridge.delivery.retry.DeliveryFailure;

/** A send or probe that did not succeed, classified for the {@link io.claimbridge.delivery.retry.RetryPlanner}. */
public final class TransportException extends Exception {
    private final transient DeliveryFailure failure;

    public TransportException(DeliveryFailure failure) {
        super(failure.detail());
        this.failure = failure;
    }

    public TransportException(DeliveryFailure failure, Throwable cause) {
        super(failure.detail(), cause);
        this.failure = failure;
    }

    public DeliveryFailure failure() {
        return failure;
    }
}
