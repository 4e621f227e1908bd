package io.claimbridge.api;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.claimbridge.ingest.FhirIssue;
import io.claimbridge.ingest.FhirRejection;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Parses a request body into the resource type an endpoint takes, so that malformed input and a
 * wrong resource type become 400 with an OperationOutcome naming what was expected.
 */
final class FhirRequestBodies {
    private final FhirContext fhir;

    FhirRequestBodies(FhirContext fhir) {
        this.fhir = fhir;
    }

    <T extends Resource> T parse(RequestDetails request, byte[] raw, Class<T> type) {
        String typeName = fhir.getResourceType(type);
        EncodingEnum encoding = encodingOf(request, raw);
        // Lenient without logging: unknown elements are tolerated, and parser messages never reach the log.
        IParser parser = encoding.newParser(fhir).setParserErrorHandler(new LenientErrorHandler(false));
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(new InputStreamReader(new ByteArrayInputStream(raw), StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
            // The parser's message goes back to the sender (it is their content), never to the log.
            throw new FhirRejection(400, new FhirIssue(IssueType.STRUCTURE, null,
                    "Body is not a valid FHIR " + encoding.name() + " resource: " + e.getMessage()));
        }
        if (!type.isInstance(parsed)) {
            throw new FhirRejection(400, new FhirIssue(IssueType.INVALID, "resourceType",
                    "This endpoint takes " + typeName + ", not " + fhir.getResourceType(parsed)));
        }
        return type.cast(parsed);
    }

    private static EncodingEnum encodingOf(RequestDetails request, byte[] raw) {
        String contentType = request.getHeader("Content-Type");
        EncodingEnum declared = contentType == null ? null
                : EncodingEnum.forContentType(contentType.split(";", 2)[0].trim());
        if (declared != null) {
            return declared;
        }
        for (byte b : raw) {
            if (!Character.isWhitespace(b)) {
                return b == '<' ? EncodingEnum.XML : EncodingEnum.JSON;
            }
        }
        return EncodingEnum.JSON;
    }
}
