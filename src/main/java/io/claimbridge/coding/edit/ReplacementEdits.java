package io.claimbridge.coding.edit;

import java.util.List;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.RelatedClaims;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Extension;

/**
 * A replacement (7) or void (8) must quote the payer's claim number of the claim it corrects in
 * REF*F8; payers reject one that quotes ours. Until that number is known the claim is held.
 */
final class ReplacementEdits {

    void check(Claim claim, List<EditIssue> out) {
        Extension ext = claim.getExtensionByUrl(Canonical.EXT_FREQUENCY);
        String frequency = ext == null || ext.getValue() == null ? "1" : ext.getValue().primitiveValue();
        if (!"7".equals(frequency) && !"8".equals(frequency)) {
            return;
        }
        if (RelatedClaims.payerClaimNumber(claim) != null) {
            return;
        }
        String original = RelatedClaims.originalClaimId(claim);
        String kind = "7".equals(frequency) ? "replacement" : "void";
        out.add(Edit.REPLACEMENT_PAYER_NUMBER.issue(original == null
                        ? "This " + kind + " (frequency " + frequency + ") does not say which claim it corrects"
                        + " (Claim.related.claim.identifier)."
                        : "This " + kind + " needs the payer's claim number of claim " + original + ", the one it corrects"
                        + " (REF*F8); set it with PUT /api/claims/{id}/payer-claim-number on that claim"
                        + " (GET /api/claims?claimId=" + original + " finds its id).",
                "Claim.related", null));
    }
}
