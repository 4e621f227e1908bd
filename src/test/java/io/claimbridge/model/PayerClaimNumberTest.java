package io.claimbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.Test;

/** What REF02 can carry, and where the number sits on the canonical Claim. */
class PayerClaimNumberTest {

    @Test
    void trimmedAndCheckedForWhatX12CanCarry() {
        assertThat(new PayerClaimNumber("  ICN 2026-000123 ").value()).isEqualTo("ICN 2026-000123");
        assertThatThrownBy(() -> new PayerClaimNumber(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayerClaimNumber("A*B")).hasMessageContaining("X12");
        assertThatThrownBy(() -> new PayerClaimNumber("ICN~1")).hasMessageContaining("X12");
        assertThatThrownBy(() -> new PayerClaimNumber("Ä1")).hasMessageContaining("X12");
        assertThatThrownBy(() -> new PayerClaimNumber("9".repeat(51))).hasMessageContaining("50");
        assertThat(new PayerClaimNumber("9".repeat(50)).value()).hasSize(50);
    }

    @Test
    void setOnACopyOfTheRelatedEntryOfTheOriginalAndRemovedWhenUnknown() {
        Claim claim = new Claim();
        claim.addRelated().getClaim().setIdentifier(new Identifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue("ACCT-1"));

        Claim with = RelatedClaims.withPayerClaimNumber(claim, new PayerClaimNumber("ICN-1"));
        assertThat(RelatedClaims.payerClaimNumber(with)).isEqualTo("ICN-1");
        assertThat(RelatedClaims.originalClaimId(with)).isEqualTo("ACCT-1");
        assertThat(with.getRelated()).hasSize(1);
        assertThat(RelatedClaims.payerClaimNumber(claim)).as("the given claim is not changed").isNull();

        Claim replaced = RelatedClaims.withPayerClaimNumber(with, new PayerClaimNumber("ICN-2"));
        assertThat(RelatedClaims.payerClaimNumber(replaced)).isEqualTo("ICN-2");
        assertThat(RelatedClaims.payerClaimNumber(RelatedClaims.withPayerClaimNumber(with, null))).isNull();
    }
}
