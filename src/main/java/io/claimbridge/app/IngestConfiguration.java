package io.claimbridge.app;

import io.claimbridge.ingest.BatchFileIngest;
import io.claimbridge.ingest.Hl7Receiver;
import io.claimbridge.ingest.IngestComponent;
import io.claimbridge.ingest.MllpListenerComponent;
import io.claimbridge.store.GroupCommitWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    Hl7Receiver hl7Receiver(GroupCommitWriter writer, ProcessingWorker worker, ClaimbridgeProperties props) {
        return new Hl7Receiver(writer, id -> worker.wake(), props.store().timeout());
    }

    @Bean
    BatchFileIngest batchFileIngest(Hl7Receiver receiver) {
        return new BatchFileIngest(receiver);
    }

    /** Registered under its URI scheme so route files can say {@code from: hl7-mllp:HOST:PORT}. */
    @Bean(MllpListenerComponent.SCHEME)
    MllpListenerComponent mllpListenerComponent(ClaimbridgeProperties props) {
        return new MllpListenerComponent(props.mllp().maxMessageBytes());
    }

    /** Registered under its URI scheme so route files can say {@code to: hl7-ingest:SENDER}. */
    @Bean(IngestComponent.SCHEME)
    IngestComponent hl7IngestComponent(Hl7Receiver receiver, BatchFileIngest batch, ClaimbridgeProperties props) {
        return new IngestComponent(receiver, batch, props.mllp().maxMessageBytes());
    }
}
