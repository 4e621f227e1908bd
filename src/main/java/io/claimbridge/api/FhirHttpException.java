package io.claimbridge.api;

import java.util.stream.Collectors;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.claimbridge.ingest.FhirRejection;

/**
 * Carries a {@link FhirRejection} to HAPI, which answers with its status and OperationOutcome.
 * The exception's own message (which HAPI logs) names only issue codes and element paths: the
 * diagnostics may quote the sender's content, so they go to the sender, never to the log.
 */
public class FhirHttpException extends BaseServerResponseException {
    public FhirHttpException(FhirRejection rejection) {
        super(rejection.status(), summary(rejection), rejection.toOperationOutcome());
    }

    private static String summary(FhirRejection r) {
        return "refused " + r.status() + ": " + r.issues().stream()
                .map(i -> i.code().toCode() + (i.expression() == null ? "" : " " + i.expression()))
                .collect(Collectors.joining(", "));
    }
}
