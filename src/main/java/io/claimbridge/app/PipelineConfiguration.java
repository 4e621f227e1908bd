package io.claimbridge.app;

import ca.uhn.fhir.context.FhirContext;
import io.claimbridge.store.MessageStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    ProcessingWorker processingWorker(MessageStore store, FhirContext fhir) {
        return new ProcessingWorker(store, new MessageTypeDispatcher(new Hl7ParseHandler(), new FhirParseHandler(fhir)));
    }
}
