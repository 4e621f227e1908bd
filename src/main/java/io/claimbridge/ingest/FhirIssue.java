package io.claimbridge.ingest;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** One reason a FHIR request is refused: the FHIR issue type and the FHIRPath of the failing element. */
public record FhirIssue(IssueType code, String expression, String diagnostics) {
}
