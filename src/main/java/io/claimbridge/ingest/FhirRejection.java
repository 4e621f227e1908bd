package io.claimbridge.ingest;

import java.util.List;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/** A FHIR request that is not accepted: the HTTP status to answer and why (nothing was stored). */
public class FhirRejection extends RuntimeException {
    private final int status;
    private final List<FhirIssue> issues;

    public FhirRejection(int status, List<FhirIssue> issues) {
        super(issues.isEmpty() ? "rejected" : issues.get(0).diagnostics(), null, false, false);
        this.status = status;
        this.issues = List.copyOf(issues);
    }

    public FhirRejection(int status, FhirIssue issue) {
        this(status, List.of(issue));
    }

    public int status() {
        return status;
    }

    public List<FhirIssue> issues() {
        return issues;
    }

    public OperationOutcome toOperationOutcome() {
        return outcomeOf(issues);
    }

    public static OperationOutcome outcomeOf(List<FhirIssue> issues) {
        OperationOutcome oo = new OperationOutcome();
        for (FhirIssue i : issues) {
            var issue = oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(i.code()).setDiagnostics(i.diagnostics());
            if (i.expression() != null) {
                issue.addExpression(i.expression());
            }
        }
        return oo;
    }
}
