package io.claimbridge.api;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;

/** POST /fhir with a transaction or batch Bundle. */
public class TransactionProvider {
    private final FhirIngestProviders shared;

    TransactionProvider(FhirIngestProviders shared) {
        this.shared = shared;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        return shared.transaction(request, bundle);
    }
}
