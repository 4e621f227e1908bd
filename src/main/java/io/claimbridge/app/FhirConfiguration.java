package io.claimbridge.app;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.claimbridge.api.FhirIngestProviders;
import io.claimbridge.api.FhirRequestGuard;
import io.claimbridge.api.FhirServlet;
import io.claimbridge.ingest.FhirReceiver;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.SqlDialect;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** FHIR R4 inbound: HAPI's RestfulServer at /fhir/*, behind the body guard, storing through the group commit. */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {
    static final String PATH = "/fhir/*";

    /**
     * One FhirContext for the whole engine: building one is expensive, using it is thread-safe.
     * Its parsers stay lenient (unknown elements tolerated, invalid values refused) but do not log:
     * HAPI's parser warnings quote element names and values from the message.
     */
    @Bean
    FhirContext fhirContext() {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.setParserErrorHandler(new LenientErrorHandler(false));
        return fhir;
    }

    @Bean
    FhirResourceStore fhirResourceStore(DataSource dataSource, SqlDialect dialect) {
        return new FhirResourceStore(dataSource, dialect);
    }

    @Bean
    FhirReceiver fhirReceiver(FhirContext fhir, GroupCommitWriter writer, FhirResourceStore resources,
                              ProcessingWorker worker, ClaimbridgeProperties props) {
        return new FhirReceiver(fhir, writer, resources, id -> worker.wake(), props.store().timeout(),
                props.fhir().sender());
    }

    @Bean
    ServletRegistrationBean<FhirServlet> fhirServlet(FhirContext fhir, FhirReceiver receiver,
                                                     FhirResourceStore resources) {
        ServletRegistrationBean<FhirServlet> bean = new ServletRegistrationBean<>(
                new FhirServlet(fhir, new FhirIngestProviders(fhir, receiver, resources)), PATH);
        bean.setName("fhir");
        bean.setLoadOnStartup(1);
        return bean;
    }

    @Bean
    FilterRegistrationBean<FhirRequestGuard> fhirRequestGuard(FhirContext fhir, ClaimbridgeProperties props) {
        FilterRegistrationBean<FhirRequestGuard> bean = new FilterRegistrationBean<>(
                new FhirRequestGuard(fhir, props.fhir().maxBodyBytes()));
        bean.addUrlPatterns(PATH);
        return bean;
    }
}
