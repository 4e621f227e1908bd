package io.claimbridge.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import io.claimbridge.ingest.FhirRejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a refused request with its status and OperationOutcome, in XML when the sender asked
 * for or sent XML, else JSON. Used where HAPI's own exception handling is not in the path.
 * Logs the status, issue codes and paths only: diagnostics may quote the sender's content.
 */
final class OperationOutcomeResponder {
    private static final Logger log = LoggerFactory.getLogger(OperationOutcomeResponder.class);

    private final FhirContext fhir;

    OperationOutcomeResponder(FhirContext fhir) {
        this.fhir = fhir;
    }

    void send(HttpServletRequest request, HttpServletResponse response, FhirRejection rejection) throws IOException {
        log.warn("FHIR request refused: {} {}", rejection.status(), rejection.issues().stream()
                .map(i -> i.code().toCode() + (i.expression() == null ? "" : " " + i.expression()))
                .collect(Collectors.joining(", ")));
        boolean xml = wantsXml(request);
        String body = (xml ? fhir.newXmlParser() : fhir.newJsonParser())
                .encodeResourceToString(rejection.toOperationOutcome());
        response.setStatus(rejection.status());
        response.setContentType((xml ? "application/fhir+xml" : "application/fhir+json") + ";charset=UTF-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean wantsXml(HttpServletRequest request) {
        String accept = lower(request.getHeader("Accept"));
        if (accept.contains("json")) {
            return false;
        }
        if (accept.contains("xml")) {
            return true;
        }
        String format = lower(request.getParameter("_format"));
        if (!format.isEmpty()) {
            return format.contains("xml");
        }
        return lower(request.getContentType()).contains("xml");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
