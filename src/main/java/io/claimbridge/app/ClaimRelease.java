package io.claimbridge.app;

import java.util.List;

import io.claimbridge.coding.attach.AttachResult;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditIssue;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.coding.edit.Severity;
import io.claimbridge.delivery.routing.DeliveryFormat;
import io.claimbridge.delivery.routing.Destination;
import io.claimbridge.delivery.routing.RoutingTable;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.model.PayerClaimNumber;
import io.claimbridge.model.RelatedClaims;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;

/**
 * A claim leaving the ledger: codes attached, edits run, stored with its OperationOutcome, and —
 * when no edit is an error — given one delivery record per destination its payer routes to.
 * A claim with errors is HELD in the work queue until a coder corrects it. Runs inside the
 * caller's transaction, so a claim and its delivery records appear together or not at all.
 */
public class ClaimRelease {
    public static final String HELD = "HELD";
    public static final String RELEASED = "RELEASED";

    private final CodeAttacher attacher;
    private final ClaimEditor editor;
    private final RoutingTable routing;
    private final ClaimStore claims;
    private final DeliveryStore deliveries;
    private final ReleasedClaimCache released;

    public ClaimRelease(CodeAttacher attacher, ClaimEditor editor, RoutingTable routing, ClaimStore claims,
                        DeliveryStore deliveries, ReleasedClaimCache released) {
        this.attacher = attacher;
        this.editor = editor;
        this.routing = routing;
        this.claims = claims;
        this.deliveries = deliveries;
        this.released = released;
    }

    /** What checking a claim gave: the coded encounter and its edit report. */
    public record Checked(CodedEncounter encounter, EditReport report) {
        public boolean held() {
            return report.hasErrors();
        }

        public long count(Severity severity) {
            return report.issues().stream().map(EditIssue::severity).filter(severity::equals).count();
        }
    }

    public Checked check(CodedEncounter encounter) {
        AttachResult coded = attacher.attach(withPayerClaimNumber(encounter));
        return new Checked(coded.encounter(), editor.validate(coded.encounter()));
    }

    /** Stores a newly released claim; returns its row id. */
    public long release(CodedEncounter encounter, String claimId, int frequency, String originalClaimId,
                        long encounterId, Long messageId) {
        Checked c = check(encounter);
        String status = c.held() ? HELD : RELEASED;
        long pk = claims.insert(new ClaimStore.NewClaim(claimId, encounterId, messageId, claimType(c.encounter()),
                String.valueOf(frequency), originalClaimId, payerId(c.encounter()), status, toJson(c.encounter()),
                FhirR4.encode(c.report().toOperationOutcome()),
                (int) c.count(Severity.ERROR), (int) c.count(Severity.WARNING)), "system");
        if (!c.held()) {
            planDeliveries(pk, c.encounter());
            released.put(pk, claimId, c.encounter());
        }
        return pk;
    }

    /**
     * A replacement or void quotes the payer's claim number of its original (REF*F8): taken from the
     * original's claim row each time the claim is checked, so setting it later and re-checking is
     * all a held replacement needs. Without it the CB-CLM-002 edit holds the claim.
     */
    private CodedEncounter withPayerClaimNumber(CodedEncounter e) {
        Claim claim = e.claim();
        String original = claim == null ? null : RelatedClaims.originalClaimId(claim);
        if (original == null) {
            return e;
        }
        PayerClaimNumber number = claims.payerClaimNumberOf(original).map(PayerClaimNumber::new).orElse(null);
        return new CodedEncounter(e.patient(), e.encounter(), e.coverages(), e.organizations(), e.practitioners(),
                e.conditions(), e.procedures(), RelatedClaims.withPayerClaimNumber(claim, number), e.accounts());
    }

    /** One delivery record per destination of the claim's payer (exactly once per pair: unique key). */
    public void planDeliveries(long claimPk, CodedEncounter encounter) {
        boolean institutional = "institutional".equals(claimType(encounter));
        for (Destination d : routing.resolve(payerId(encounter))) {
            String format = d.format() == DeliveryFormat.AUTO
                    ? (institutional ? DeliveryFormat.X837I.spelling() : DeliveryFormat.X837P.spelling())
                    : d.format().spelling();
            deliveries.create(claimPk, d.name(), format);
        }
    }

    static String toJson(CodedEncounter e) {
        return FhirR4.encode(e.toBundle());
    }

    static String claimType(CodedEncounter e) {
        Claim c = e.claim();
        return c != null && c.getType().hasCoding(Canonical.CLAIM_TYPE, "institutional") ? "institutional" : "professional";
    }

    /** The payer id routing keys on: the insurer's, else the primary coverage's payor's. */
    static String payerId(CodedEncounter e) {
        List<Organization> orgs = e.organizations();
        String ref = null;
        if (e.claim() != null && e.claim().hasInsurer()) {
            ref = e.claim().getInsurer().getReference();
        } else if (!e.coverages().isEmpty()) {
            Coverage primary = e.coverages().get(0);
            ref = primary.hasPayor() ? primary.getPayorFirstRep().getReference() : null;
        }
        for (Organization o : orgs) {
            if (ref == null || ref.equals(o.getIdElement().getValue())) {
                for (Identifier id : o.getIdentifier()) {
                    if (Canonical.PAYER_ID_SYSTEM.equals(id.getSystem())) {
                        return id.getValue();
                    }
                }
            }
        }
        return null;
    }
}
