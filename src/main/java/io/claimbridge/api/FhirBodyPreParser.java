package io.claimbridge.api;

import java.io.IOException;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.claimbridge.ingest.FhirRejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Parses POST bodies before HAPI's own binding does, so that malformed input and a wrong
 * resource type are answered with our OperationOutcome (naming the element) and HAPI's parser
 * messages, which can quote content, never reach the log. The parsed resource is kept for the provider.
 */
public class FhirBodyPreParser {
    static final String PARSED = FhirBodyPreParser.class.getName() + ".parsed";

    private final FhirContext fhir;
    private final FhirRequestBodies bodies;
    private final OperationOutcomeResponder responder;

    public FhirBodyPreParser(FhirContext fhir) {
        this.fhir = fhir;
        this.bodies = new FhirRequestBodies(fhir);
        this.responder = new OperationOutcomeResponder(fhir);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean parse(RequestDetails request, HttpServletRequest servletRequest, HttpServletResponse servletResponse)
            throws IOException {
        if (request.getRequestType() != ca.uhn.fhir.rest.api.RequestTypeEnum.POST) {
            return true;
        }
        String resourceName = request.getResourceName();
        if (resourceName != null && request.getOperation() != null) {
            return true; // $operations are not ours to check
        }
        Class<? extends Resource> expected = resourceName == null ? Bundle.class : expectedType(resourceName);
        if (expected == null) {
            return true; // HAPI answers unknown types itself
        }
        try {
            request.getUserData().put(PARSED, bodies.parse(request, request.loadRequestContents(), expected));
        } catch (FhirRejection r) {
            // Answered here (false = handled): an exception from a hook is logged by HAPI as an ERROR with a trace.
            responder.send(servletRequest, servletResponse, r);
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Class<? extends Resource> expectedType(String resourceName) {
        try {
            return (Class<? extends Resource>) fhir.getResourceDefinition(resourceName).getImplementingClass();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
