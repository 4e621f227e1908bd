package io.claimbridge.coding.edit;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;

/** The editor's result for one claim; pure value, convertible to a FHIR OperationOutcome. */
public record EditReport(List<EditIssue> issues) {
    public static final String EXT_EDIT_ID = "http://claimbridge.io/fhir/StructureDefinition/edit-id";
    public static final String EXT_CODE_SET_VERSION = "http://claimbridge.io/fhir/StructureDefinition/code-set-version";
    public static final String EDIT_ID_SYSTEM = "http://claimbridge.io/fhir/CodeSystem/claim-edit";

    public EditReport {
        issues = List.copyOf(issues);
    }

    public boolean hasErrors() {
        for (EditIssue i : issues) {
            if (i.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    public List<String> ids() {
        return issues.stream().map(EditIssue::id).toList();
    }

    /** Issues with the given id (for callers and tests). */
    public List<EditIssue> withId(String id) {
        return issues.stream().filter(i -> i.id().equals(id)).toList();
    }

    /**
     * One OperationOutcome.issue per finding: severity, code, details (coded edit id + text),
     * expression, and extensions carrying the edit id and code-set version. A clean claim gets a
     * single "information / informational" issue, as FHIR requires at least one.
     */
    public OperationOutcome toOperationOutcome() {
        OperationOutcome oo = new OperationOutcome();
        for (EditIssue i : issues) {
            OperationOutcome.OperationOutcomeIssueComponent c = oo.addIssue()
                    .setSeverity(switch (i.severity()) {
                        case ERROR -> OperationOutcome.IssueSeverity.ERROR;
                        case WARNING -> OperationOutcome.IssueSeverity.WARNING;
                        case INFORMATION -> OperationOutcome.IssueSeverity.INFORMATION;
                    })
                    .setCode(OperationOutcome.IssueType.fromCode(i.issueType()))
                    .setDetails(new CodeableConcept().setText(i.message()));
            c.getDetails().addCoding().setSystem(EDIT_ID_SYSTEM).setCode(i.id());
            if (i.expression() != null) {
                c.addExpression(i.expression());
            }
            c.addExtension(EXT_EDIT_ID, new StringType(i.id()));
            if (i.codeSetVersion() != null) {
                c.addExtension(EXT_CODE_SET_VERSION, new StringType(i.codeSetVersion()));
            }
        }
        if (issues.isEmpty()) {
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept().setText("All claim edits passed"));
        }
        return oo;
    }
}
