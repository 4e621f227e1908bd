package io.claimbridge.coding;

import static io.claimbridge.coding.EditAssertions.assertFires;
import static io.claimbridge.coding.EditAssertions.assertNotFires;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditIssue;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.coding.edit.Severity;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.model.PayerClaimNumber;
import io.claimbridge.model.RelatedClaims;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.Test;

/** CB-CLM-002: a replacement or void is held until the payer's claim number of its original is known. */
class ReplacementEditsTest {
    private final ClaimEditor editor = new ClaimEditor(TestCodeSets.shipped());

    private EditReport run(String frequency, String original, String payerNumber) {
        CodedEncounter ce = ClaimFixture.professional(LocalDate.of(2025, 11, 3)).dx("J18.9")
                .line("G0008", 1, "30.00").totalled().build();
        Claim claim = ce.claim();
        claim.addExtension(Canonical.EXT_FREQUENCY, new CodeType(frequency));
        if (original != null) {
            claim.addRelated().getClaim().setIdentifier(new Identifier().setSystem(Canonical.CLAIM_ID_SYSTEM)
                    .setValue(original));
        }
        Claim checked = payerNumber == null ? claim : RelatedClaims.withPayerClaimNumber(claim, new PayerClaimNumber(payerNumber));
        return editor.validate(new CodedEncounter(ce.patient(), ce.encounter(), ce.coverages(), ce.organizations(),
                ce.practitioners(), ce.conditions(), ce.procedures(), checked, ce.accounts()));
    }

    @Test
    void replacementWithoutThePayersNumberIsAnErrorNamingTheOriginal() {
        EditIssue i = assertFires(run("7", "ACCT-1", null), "CB-CLM-002", "Claim.related");
        assertThat(i.severity()).isEqualTo(Severity.ERROR);
        assertThat(i.message()).contains("claim ACCT-1, the one it corrects").contains("REF*F8")
                .contains("PUT /api/claims/{id}/payer-claim-number");
        assertFires(run("8", "ACCT-1", null), "CB-CLM-002", "Claim.related");
        assertFires(run("7", null, null), "CB-CLM-002", "Claim.related");
    }

    @Test
    void replacementWithThePayersNumberAndOriginalsPass() {
        assertNotFires(run("7", "ACCT-1", "ICN-55"), "CB-CLM-002");
        assertNotFires(run("8", "ACCT-1", "ICN-55"), "CB-CLM-002");
        assertNotFires(run("1", null, null), "CB-CLM-002");
    }
}
