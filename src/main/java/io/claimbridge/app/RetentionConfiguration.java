package io.claimbridge.app;

import java.time.Clock;

import javax.sql.DataSource;

import io.claimbridge.store.RetentionStore;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Retention of message content: the pruner runs only when {@code claimbridge.retention.message-content} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    @Bean
    RetentionStore retentionStore(DataSource dataSource, FlywayMigrationInitializer migrated) {
        return new RetentionStore(dataSource);
    }

    @Bean
    RetentionPruner retentionPruner(RetentionStore store, RetentionProperties props) {
        return new RetentionPruner(store, props, Clock.systemUTC());
    }
}
