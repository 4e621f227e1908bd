package io.claimbridge.coding.edit;

/**
 * One finding of the claim editor.
 *
 * @param id             stable edit id, e.g. CB-DX-001 (see conformance/README.md)
 * @param severity       error / warning / information
 * @param issueType      FHIR OperationOutcome issue-type code (code-invalid, business-rule, …)
 * @param message        plain English, no patient data
 * @param expression     FHIRPath of the offending element, e.g. Claim.diagnosis[2].diagnosis.coding[0].code
 * @param codeSetVersion the code set judged against, e.g. "ICD-10-CM FY2026", or null
 */
public record EditIssue(String id, Severity severity, String issueType, String message, String expression,
                        String codeSetVersion) {
}
