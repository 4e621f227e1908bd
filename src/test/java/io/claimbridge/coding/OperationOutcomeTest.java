package io.claimbridge.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditReport;

class OperationOutcomeTest {

    @Test
    void issuesCarrySeverityCodeTextExpressionIdAndVersion() {
        EditReport r = new ClaimEditor(TestCodeSets.shipped()).validate(ClaimFixture.professional(LocalDate.of(2025, 11, 3))
                .dx("J18").line("99213", 1, "100.00").totalled().build());
        OperationOutcome oo = r.toOperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent dx = oo.getIssue().stream()
                .filter(i -> i.getExtensionByUrl(EditReport.EXT_EDIT_ID).getValue().primitiveValue().equals("CB-DX-002"))
                .findFirst().orElseThrow();
        assertEquals(OperationOutcome.IssueSeverity.ERROR, dx.getSeverity());
        assertEquals(OperationOutcome.IssueType.CODEINVALID, dx.getCode());
        assertEquals("Claim.diagnosis[0].diagnosis.coding[0].code", dx.getExpression().get(0).getValue());
        assertEquals("CB-DX-002", dx.getDetails().getCodingFirstRep().getCode());
        assertTrue(dx.getDetails().getText().contains("J18"));
        assertEquals("ICD-10-CM FY2026",
                dx.getExtensionByUrl(EditReport.EXT_CODE_SET_VERSION).getValue().primitiveValue());
        OperationOutcome.OperationOutcomeIssueComponent ptp = oo.getIssue().stream()
                .filter(i -> i.getDetails().getCodingFirstRep().getCode().equals("CB-PTP-000")).findFirst().orElseThrow();
        assertEquals(OperationOutcome.IssueSeverity.WARNING, ptp.getSeverity());
        assertEquals(OperationOutcome.IssueType.NOTSUPPORTED, ptp.getCode());
        // Serialises as valid FHIR JSON.
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(oo);
        assertTrue(json.contains("\"expression\":[\"Claim.diagnosis[0].diagnosis.coding[0].code\"]"), json);
    }

    @Test
    void cleanReportStillHasOneInformationalIssue() {
        OperationOutcome oo = new EditReport(java.util.List.of()).toOperationOutcome();
        assertEquals(1, oo.getIssue().size());
        assertEquals(OperationOutcome.IssueSeverity.INFORMATION, oo.getIssueFirstRep().getSeverity());
    }
}
