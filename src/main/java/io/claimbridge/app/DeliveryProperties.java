package io.claimbridge.app;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code claimbridge.delivery.*} settings. Where claims go is the routing file's business
 * ({@code claimbridge.routing-file}); these only tune the worker.
 *
 * @param pollInterval how often due deliveries and closing batches are looked for
 * @param timeout      connect / read timeout of SFTP, HTTP and FHIR sends
 */
@ConfigurationProperties("claimbridge.delivery")
public record DeliveryProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("30s") Duration timeout) {
}
