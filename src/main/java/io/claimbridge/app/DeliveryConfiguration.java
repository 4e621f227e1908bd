package io.claimbridge.app;

import java.time.Clock;
import java.time.ZoneId;
import java.util.random.RandomGenerator;

import io.claimbridge.delivery.routing.RoutingTable;
import io.claimbridge.delivery.routing.Transport;
import io.claimbridge.delivery.transport.HostKeyVerifier;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.ControlNumberStore;
import io.claimbridge.store.DeliveryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The deliver stage: transports per destination, the batch sender, the worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean(destroyMethod = "close")
    DeliveryTransports deliveryTransports(DeliveryProperties props, RoutingTable routing) {
        // Said at start-up, not at the first send: an unchecked host key must be seen before claims go out.
        routing.destinations().forEach((name, d) -> {
            if (d.transport() instanceof Transport.Sftp sftp) {
                HostKeyVerifier.startupWarning(sftp).ifPresent(w -> log.warn("destination {}: {}", name, w));
            }
        });
        return new DeliveryTransports(props.timeout());
    }

    @Bean
    BatchSender batchSender(DeliveryStore deliveries, ClaimStore claims, DeliveryTransports transports,
                            TransactionTemplate tx, ReleasedClaimCache released, PayerClaimNumbers payerNumbers) {
        // Dates in the 837 (ISA09/10, GS04/05) in the engine's zone, like the dates read from HL7v2.
        return new BatchSender(deliveries, claims, transports, ZoneId.systemDefault(), tx, Clock.systemUTC(),
                RandomGenerator.getDefault(), released, payerNumbers::set);
    }

    @Bean
    DeliveryWorker deliveryWorker(DeliveryStore deliveries, ClaimStore claims, ControlNumberStore controlNumbers,
                                  RoutingTable routing, BatchSender sender, TransactionTemplate tx,
                                  DeliveryProperties props) {
        return new DeliveryWorker(deliveries, claims, controlNumbers, routing, sender, tx, Clock.systemUTC(),
                props.pollInterval());
    }
}
