package io.claimbridge.normalize.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.StringType;

import io.claimbridge.model.Canonical;
import io.claimbridge.normalize.ResourceIds;
import io.claimbridge.normalize.mapping.ClaimKind;
import io.claimbridge.normalize.mapping.PatientClassRule;

/**
 * Assembles the draft Claim of one encounter from normalized pieces, following {@link Canonical}:
 * type by patient class, diagnoses sequenced, procedures, insurance in COB order, care team,
 * charge lines netted and pointed at diagnoses/care team. Used for HL7v2 and FHIR input alike.
 */
public final class ClaimDraft {

    private final String sender;
    private final PatientClassRule rule;
    private final Encounter encounter;
    private final Claim claim = new Claim();
    private final List<Claim.ItemComponent> items = new ArrayList<>();
    private boolean finished;

    /**
     * Claim.created for an instant with no offset of its own (release time, a FHIR source's
     * lastUpdated-less encounter): written in UTC, so the same claim reads the same on every host.
     */
    public static DateTimeType created(Instant when) {
        return new DateTimeType(Date.from(when), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    public ClaimDraft(String sender, String visit, String account, PatientClassRule rule, Patient patient, Encounter encounter,
                      Organization billing, List<Coverage> coverages, List<Organization> payers, List<DiagnosisFact> diagnoses,
                      Coding drg, List<Procedure> procedures, Practitioner attending, Practitioner referring,
                      DateTimeType created) {
        this.sender = sender;
        this.rule = rule;
        this.encounter = encounter;
        claim.setId(ResourceIds.urn("Claim", sender, visit));
        claim.addIdentifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(account != null ? account : visit);
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setUse(Claim.Use.CLAIM);
        claim.setType(new CodeableConcept(new Coding(Canonical.CLAIM_TYPE, rule.claimType().code(), null)));
        claim.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
        claim.setCreatedElement(created);
        claim.setPatient(new Reference(patient.getId()));
        claim.setProvider(new Reference(billing.getId()));
        claim.addExtension(Canonical.EXT_FREQUENCY, new CodeType("1"));
        if (rule.claimType() == ClaimKind.INSTITUTIONAL && rule.typeOfBill() != null) {
            claim.addExtension(Canonical.EXT_TYPE_OF_BILL, new StringType(rule.typeOfBill() + "1"));
        }
        int seq = 0;
        for (Coverage c : coverages) {
            claim.addInsurance().setSequence(++seq).setFocal(seq == 1).setCoverage(new Reference(c.getId()));
            if (seq == 1 && c.hasPayor()) {
                claim.setInsurer(new Reference(c.getPayorFirstRep().getReference()));
            }
        }
        claim.setDiagnosis(DiagnosisSequencer.sequence(diagnoses, drg));
        int pseq = 0;
        for (Procedure p : procedures) {
            if (!p.getCode().hasCoding()) {
                continue; // text-only procedure: nothing a payer can read
            }
            Claim.ProcedureComponent pc = claim.addProcedure().setSequence(++pseq);
            pc.setProcedure(p.getCode().copy());
            if (p.hasPerformedDateTimeType()) {
                // the element itself: its precision and the sender's offset (a Date would be re-rendered in the
                // server's zone, and a day-precision date read back in the facility's zone could move a day)
                pc.setDateElement(p.getPerformedDateTimeType().copy());
            }
            pc.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/ex-procedure-type", pseq == 1 ? "primary" : "secondary", null)));
            for (Procedure.ProcedurePerformerComponent x : p.getPerformer()) {
                if (x.getFunction().hasCoding("http://snomed.info/sct", "304292004")) {
                    ClaimLines.careTeamSequence(claim, x.getActor().getReference(), "primary", "operating");
                    break;
                }
            }
        }
        if (attending != null) {
            ClaimLines.careTeamSequence(claim, attending.getId(), "primary", "attending");
        }
        if (referring != null) {
            ClaimLines.careTeamSequence(claim, referring.getId(), "other", "referring");
        }
        if (encounter.hasPeriod()) {
            claim.setBillablePeriod(encounter.getPeriod().copy());
        }
    }

    public Claim claim() {
        return claim;
    }

    /** Adds one signed charge line: pointers to diagnoses (added as secondary if unknown) and care team. */
    public void add(ChargeLine line) {
        if (finished) {
            throw new IllegalStateException("charge line added after toClaim()");
        }
        Claim.ItemComponent it = new Claim.ItemComponent();
        CodeableConcept product = new CodeableConcept();
        line.product().forEach(c -> product.addCoding(c.copy()));
        it.setProductOrService(product);
        for (String m : line.modifiers()) {
            it.addModifier(new CodeableConcept(new Coding(Canonical.MODIFIER_SYSTEM, m, null)));
        }
        if (line.from() != null) {
            if (line.to() != null && !line.to().equals(line.from())) {
                it.setServiced(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(line.from().toString()))
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType(line.to().toString())));
            } else {
                it.setServiced(new DateType(line.from().toString()));
            }
        }
        SimpleQuantity q = new SimpleQuantity();
        q.setValue(line.quantity());
        it.setQuantity(q);
        if (line.unitPrice() != null) {
            it.setUnitPrice(ClaimLines.money(line.unitPrice().abs()));
        }
        it.setNet(ClaimLines.money(line.amount()));
        for (Coding dx : line.diagnoses()) {
            int s = ClaimLines.diagnosisSequence(claim, dx);
            boolean pointed = false;
            for (PositiveIntType p : it.getDiagnosisSequence()) {
                if (p.getValue() == s) {
                    pointed = true;
                    break;
                }
            }
            if (!pointed) {
                it.addDiagnosisSequence(s);
            }
        }
        if (line.performer() != null) {
            it.addCareTeamSequence(ClaimLines.careTeamSequence(claim, line.performer().getId(), "primary", "rendering"));
        }
        if (line.orderer() != null) {
            ClaimLines.careTeamSequence(claim, line.orderer().getId(), "other", "ordering");
        }
        if (rule.placeOfService() != null) {
            it.setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, rule.placeOfService(), null)));
        }
        if (line.transactionId() != null) {
            it.addExtension(Canonical.EXT_SOURCE_TRANSACTION, new StringType(line.transactionId()));
        }
        items.add(it);
    }

    /**
     * The finished draft: lines netted, total, billable period (encounter period or dates of
     * service). The lines are netted in place (they are the draft's own), so the claim is built
     * once: later calls return it as it is.
     */
    public Claim toClaim() {
        if (finished) {
            return claim;
        }
        finished = true;
        List<Claim.ItemComponent> netted = ClaimLines.net(items, false);
        claim.setItem(netted);
        claim.setTotal(ClaimLines.money(ClaimLines.total(netted)));
        if (!claim.hasBillablePeriod()) {
            List<LocalDate> dates = new ArrayList<>();
            for (Claim.ItemComponent it : netted) {
                if (it.hasServicedDateType()) dates.add(LocalDate.parse(it.getServicedDateType().getValueAsString()));
                else if (it.hasServicedPeriod()) {
                    dates.add(LocalDate.parse(it.getServicedPeriod().getStartElement().getValueAsString().substring(0, 10)));
                    dates.add(LocalDate.parse(it.getServicedPeriod().getEndElement().getValueAsString().substring(0, 10)));
                }
            }
            dates.sort(Comparator.naturalOrder());
            if (!dates.isEmpty()) {
                claim.setBillablePeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(dates.get(0).toString()))
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType(dates.get(dates.size() - 1).toString())));
            }
        }
        return claim;
    }
}
