package io.claimbridge.api;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;

/** HAPI's RESTful server for FHIR inbound: the ingest providers; HAPI generates /metadata from them. */
public class FhirServlet extends RestfulServer {
    public FhirServlet(FhirContext fhir, FhirIngestProviders providers) {
        super(fhir);
        setServerName("claimbridge FHIR inbound");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        registerProviders(List.of(providers.encounter(), providers.claim(), providers.patient(),
                providers.transaction()));
        registerInterceptor(new FhirBodyPreParser(fhir));
    }
}
