package io.claimbridge.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP only when every MLLP listener route is started and its port accepts connections
 * (camel-mllp binds in the background, so a started route alone proves nothing).
 */
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
        int listeners = 0;
        for (Route route : camel.getRoutes()) {
            if (!(route.getEndpoint() instanceof MllpEndpoint mllp)) {
                continue;
            }
            listeners++;
            int port = mllp.getPort();
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            boolean accepting = status != null && status.isStarted() && accepts(port);
            details.put(route.getRouteId(), Map.of("port", port, "status", String.valueOf(status),
                    "accepting", accepting));
            up &= accepting;
        }
        if (listeners == 0) {
            return Health.down().withDetail("reason", "no MLLP listener route loaded from routes/").build();
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
