package io.claimbridge.api;

import java.io.IOException;

import ca.uhn.fhir.context.FhirContext;
import io.claimbridge.ingest.FhirIssue;
import io.claimbridge.ingest.FhirRejection;
import io.claimbridge.security.AuthFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 on the FHIR endpoint as an OperationOutcome: what an EHR's FHIR client expects there. */
public final class FhirAuthFailures implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final OperationOutcomeResponder responder;

    public FhirAuthFailures(FhirContext fhir) {
        this.responder = new OperationOutcomeResponder(fhir);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        send(request, response, AuthFailure.unauthenticated(request), IssueType.LOGIN);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        send(request, response, AuthFailure.forbidden(), IssueType.FORBIDDEN);
    }

    private void send(HttpServletRequest request, HttpServletResponse response, AuthFailure failure, IssueType code)
            throws IOException {
        failure.addChallengeTo(response);
        responder.send(request, response, new FhirRejection(failure.status(), new FhirIssue(code, null, failure.detail())));
    }
}
