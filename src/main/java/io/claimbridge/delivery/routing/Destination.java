package io.claimbridge.delivery.routing;

import java.util.Objects;

import io.claimbridge.delivery.retry.RetryPolicy;

/**
 * One place claims are delivered to: format, transport, X12 identity (null for FHIR), batching and
 * retry policy. The name is the stable key of delivery records and control-number sequences.
 */
public record Destination(String name, DeliveryFormat format, Transport transport, X12Partner x12,
                          BatchPolicy batch, RetryPolicy retry) {
    public Destination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(retry, "retry");
        if (format.isX12() && x12 == null) {
            throw new IllegalArgumentException("destination " + name + ": an 837 destination needs X12 ids");
        }
    }
}
