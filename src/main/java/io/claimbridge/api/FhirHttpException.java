package io.claimbridge.api;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.claimbridge.ingest.FhirRejection;

/** Carries a {@link FhirRejection} to HAPI, which answers with its status and OperationOutcome. */
public class FhirHttpException extends BaseServerResponseException {
    public FhirHttpException(FhirRejection rejection) {
        super(rejection.status(), rejection.getMessage(), rejection.toOperationOutcome());
    }
}
