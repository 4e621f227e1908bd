package io.claimbridge.app;

import java.util.function.UnaryOperator;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.store.ClaimStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A coder's correction of a held claim: the corrected Claim (or whole canonical Bundle) replaces
 * the stored one, the edits run again, and the claim is released — with its delivery records —
 * or stays held. Who and when go into the claim's events.
 */
public class ClaimCorrection {
    private final ClaimStore claims;
    private final ClaimRelease release;
    private final TransactionTemplate tx;

    public ClaimCorrection(ClaimStore claims, ClaimRelease release, TransactionTemplate tx) {
        this.claims = claims;
        this.release = release;
        this.tx = tx;
    }

    public enum Outcome { RELEASED, STILL_HELD, NOT_FOUND, NOT_HELD }

    public Outcome correct(long claimPk, Resource corrected, String actor) {
        return recheck(claimPk, stored -> merged(stored, corrected), actor, "corrected");
    }

    /**
     * Runs the edits again on the held claim as stored, e.g. once the payer's claim number of its
     * original is known; released or still held exactly as after a correction.
     */
    public Outcome recheck(long claimPk, String actor, String why) {
        return recheck(claimPk, UnaryOperator.identity(), actor, why);
    }

    private Outcome recheck(long claimPk, UnaryOperator<CodedEncounter> change, String actor, String why) {
        return tx.execute(s -> {
            ClaimStore.ClaimRow row = claims.getForUpdate(claimPk).orElse(null);
            if (row == null) {
                return Outcome.NOT_FOUND;
            }
            if (!ClaimRelease.HELD.equals(row.status())) {
                return Outcome.NOT_HELD;
            }
            CodedEncounter stored = CodedEncounter.fromBundle(
                    FhirR4.json().parseResource(Bundle.class, row.bundleJson()));
            CodedEncounter next = change.apply(stored);
            ClaimRelease.Checked checked = release.check(next);
            String status = checked.held() ? ClaimRelease.HELD : ClaimRelease.RELEASED;
            claims.update(claimPk, ClaimRelease.toJson(checked.encounter()),
                    FhirR4.encode(checked.report().toOperationOutcome()),
                    (int) checked.count(io.claimbridge.coding.edit.Severity.ERROR),
                    (int) checked.count(io.claimbridge.coding.edit.Severity.WARNING), status, actor,
                    why + "; edits now " + String.join(",", checked.report().ids()));
            if (!checked.held()) {
                release.planDeliveries(claimPk, checked.encounter());
                return Outcome.RELEASED;
            }
            return Outcome.STILL_HELD;
        });
    }

    /** A corrected Claim replaces only the Claim (keeping its id); a Bundle replaces everything. */
    private static CodedEncounter merged(CodedEncounter stored, Resource corrected) {
        if (corrected instanceof Bundle b) {
            CodedEncounter c = CodedEncounter.fromBundle(b);
            if (c.patient() == null || c.encounter() == null || c.claim() == null) {
                throw new IllegalArgumentException("a corrected Bundle must hold the Patient, Encounter and Claim");
            }
            return c;
        }
        if (corrected instanceof Claim claim) {
            claim.setId(stored.claim().getIdElement().getValue());
            return new CodedEncounter(stored.patient(), stored.encounter(), stored.coverages(),
                    stored.organizations(), stored.practitioners(), stored.conditions(), stored.procedures(), claim, stored.accounts());
        }
        throw new IllegalArgumentException("send a FHIR Claim or Bundle, not " + corrected.fhirType());
    }

}
