package io.claimbridge.app;

import java.util.LinkedHashMap;
import java.util.Map;

import io.claimbridge.ingest.MllpListenerConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP only when there is at least one MLLP listener and every one is bound and accepting. */
@Component("listeners")
public class ListenerHealthIndicator implements HealthIndicator {
    private final CamelContext camel;

    public ListenerHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (Route route : camel.getRoutes()) {
            if (route.getConsumer() instanceof MllpListenerConsumer listener) {
                boolean listening = listener.isListening();
                details.put(route.getRouteId(), Map.of("port", listener.getPort(), "tls", listener.isTls(),
                        "listening", listening));
                up &= listening;
            }
        }
        if (details.isEmpty()) {
            return Health.down().withDetail("reason", "no MLLP listener route loaded from routes/").build();
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
