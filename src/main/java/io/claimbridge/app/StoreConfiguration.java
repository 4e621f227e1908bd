package io.claimbridge.app;

import javax.sql.DataSource;

import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.SqlDialect;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    SqlDialect sqlDialect(DataSource dataSource, FlywayMigrationInitializer migrated) {
        return SqlDialect.of(dataSource);
    }

    @Bean(destroyMethod = "close")
    GroupCommitWriter groupCommitWriter(DataSource dataSource, SqlDialect dialect, ClaimbridgeProperties props) {
        return new GroupCommitWriter(dataSource, dialect, props.store().maxBatch(), props.store().queueCapacity());
    }

    @Bean
    MessageStore messageStore(DataSource dataSource, FlywayMigrationInitializer migrated) {
        return new MessageStore(dataSource);
    }
}
