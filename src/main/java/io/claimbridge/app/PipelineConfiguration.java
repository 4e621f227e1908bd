package io.claimbridge.app;

import io.claimbridge.store.MessageStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    ProcessingWorker processingWorker(MessageStore store) {
        return new ProcessingWorker(store, new Hl7ParseHandler());
    }
}
