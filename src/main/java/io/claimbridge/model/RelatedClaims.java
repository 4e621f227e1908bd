package io.claimbridge.model;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Identifier;

/**
 * The one place that reads and writes what a replacement or void (frequency 7/8) says about the
 * claim it replaces, on the canonical Claim's related[] entry:
 * related.claim.identifier is our id of the claim it corrects ({@link Canonical#CLAIM_ID_SYSTEM}; the
 * visit's latest earlier claim, which after a first replacement is that replacement), and
 * related.reference is the payer's claim number of that claim ({@link Canonical#PAYER_CLAIM_NUMBER_SYSTEM}),
 * which is what REF*F8 carries. Pure functions.
 */
public final class RelatedClaims {
    private RelatedClaims() {
    }

    /** Our claim id of the claim this one replaces or voids, or null. */
    public static String originalClaimId(Claim claim) {
        for (Claim.RelatedClaimComponent rel : claim.getRelated()) {
            if (rel.getClaim().hasIdentifier() && rel.getClaim().getIdentifier().hasValue()) {
                return rel.getClaim().getIdentifier().getValue();
            }
        }
        return null;
    }

    /** The payer's claim number of the original (REF*F8), or null when not known. */
    public static String payerClaimNumber(Claim claim) {
        for (Claim.RelatedClaimComponent rel : claim.getRelated()) {
            if (rel.hasReference() && Canonical.PAYER_CLAIM_NUMBER_SYSTEM.equals(rel.getReference().getSystem())
                    && rel.getReference().hasValue()) {
                return rel.getReference().getValue();
            }
        }
        return null;
    }

    /**
     * A copy of the claim whose related entry for the original carries this payer claim number,
     * or none when {@code number} is null (the stored claim is not changed: states are shared).
     */
    public static Claim withPayerClaimNumber(Claim claim, PayerClaimNumber number) {
        Claim copy = claim.copy();
        for (Claim.RelatedClaimComponent rel : copy.getRelated()) {
            if (rel.hasReference() && Canonical.PAYER_CLAIM_NUMBER_SYSTEM.equals(rel.getReference().getSystem())) {
                rel.setReference(null);
            }
        }
        if (number != null) {
            Claim.RelatedClaimComponent rel = copy.getRelated().stream()
                    .filter(r -> r.getClaim().hasIdentifier()).findFirst().orElseGet(copy::addRelated);
            rel.setReference(new Identifier().setSystem(Canonical.PAYER_CLAIM_NUMBER_SYSTEM).setValue(number.value()));
        }
        return copy;
    }
}
