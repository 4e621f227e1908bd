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
        SqlDialect dialect = SqlDialect.of(dataSource);
        dialect.tuneSequences(dataSource, "encounter_id_seq", "claim_id_seq", "claim_event_id_seq", "delivery_id_seq",
                "delivery_attempt_id_seq");
        return dialect;
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
