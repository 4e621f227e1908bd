package io.claimbridge.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** A business identifier {@code system|value}: the key for resends and conditional create. */
public record IdentifierKey(String system, String value) {

    public static IdentifierKey of(Identifier id) {
        return new IdentifierKey(id.getSystem(), id.getValue());
    }

    /** The control id the message store keeps for it. */
    public String controlId() {
        return system + "|" + value;
    }

    /**
     * Reads an If-None-Exist criterion. Only {@code identifier=system|value} is supported (what
     * senders use for idempotent resends); HAPI may hand it over prefixed with {@code Type?}.
     */
    public static IdentifierKey parseCondition(String condition, String expression) {
        String query = condition.trim();
        int q = query.indexOf('?');
        if (q >= 0) {
            query = query.substring(q + 1);
        }
        // HAPI's client sends the whole URL, result parameters such as _format included: ignore those.
        String identifier = null;
        for (String param : query.split("&")) {
            if (param.isEmpty() || param.startsWith("_")) {
                continue;
            }
            if (identifier != null || !param.startsWith("identifier=")) {
                throw new FhirRejection(400, new FhirIssue(IssueType.NOTSUPPORTED, expression,
                        "Only If-None-Exist: identifier=system|value is supported"));
            }
            identifier = param.substring("identifier=".length());
        }
        String token = identifier == null ? "" : URLDecoder.decode(identifier, StandardCharsets.UTF_8);
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1) {
            throw new FhirRejection(400, new FhirIssue(IssueType.INVALID, expression,
                    "If-None-Exist identifier must be system|value"));
        }
        return new IdentifierKey(token.substring(0, bar), token.substring(bar + 1));
    }
}
