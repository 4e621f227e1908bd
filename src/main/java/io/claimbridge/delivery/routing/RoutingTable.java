package io.claimbridge.delivery.routing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.claimbridge.delivery.retry.RetryPolicy;

/**
 * Payer id → destinations. An exact payer id wins; every other payer goes to the {@code *}
 * destinations, so every claim has a route (nothing is dropped for want of one).
 */
public final class RoutingTable {
    public static final String ANY_PAYER = "*";

    private final Map<String, List<Destination>> byPayer;
    private final List<Destination> fallback;
    private final Map<String, Destination> destinations;

    public RoutingTable(Map<String, List<Destination>> byPayer, List<Destination> fallback,
                        Map<String, Destination> destinations) {
        this.byPayer = Map.copyOf(byPayer);
        this.fallback = List.copyOf(fallback);
        this.destinations = Map.copyOf(destinations);
        if (this.fallback.isEmpty()) {
            throw new IllegalArgumentException("the * route needs at least one destination");
        }
    }

    /** The table used when no routing file exists: every claim as 837 files into {@code <dataDir>/outbox}. */
    public static RoutingTable defaults(Path dataDir) {
        Destination outbox = new Destination("outbox", DeliveryFormat.AUTO,
                new Transport.FileDrop(dataDir.resolve("outbox")), X12Partner.DEFAULT, BatchPolicy.DEFAULT,
                RetryPolicy.DEFAULT);
        return new RoutingTable(Map.of(), List.of(outbox), Map.of(outbox.name(), outbox));
    }

    /** The destinations for a claim of this payer (null or blank payer id: the {@code *} route). */
    public List<Destination> resolve(String payerId) {
        if (payerId == null) {
            return fallback;
        }
        List<Destination> exact = byPayer.get(payerId.trim());
        return exact != null ? exact : fallback;
    }

    public Destination destination(String name) {
        return destinations.get(Objects.requireNonNull(name));
    }

    public Map<String, Destination> destinations() {
        return destinations;
    }
}
