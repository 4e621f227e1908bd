package io.claimbridge.coding.attach;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Money;

import io.claimbridge.coding.codeset.CodeNormalizer;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;

/**
 * Attaches codes to a draft claim before the edits run: normalises code systems and values
 * (X12 form: upper case, no dots), fills lines that only carry a local charge code from the
 * chargemaster, sequences diagnoses and their line pointers. Pure: returns a copy.
 */
public final class CodeAttacher {
    private final Chargemaster chargemaster;

    public CodeAttacher(Chargemaster chargemaster) {
        this.chargemaster = chargemaster;
    }

    public AttachResult attach(CodedEncounter in) {
        List<String> notes = new ArrayList<>();
        if (in.claim() == null) {
            notes.add("no claim to code");
            return new AttachResult(in, notes);
        }
        Claim claim = in.claim().copy();
        boolean professional = true;
        for (Coding c : claim.getType().getCoding()) {
            if ("institutional".equals(c.getCode())) {
                professional = false;
            }
        }
        for (Claim.DiagnosisComponent d : claim.getDiagnosis()) {
            if (d.hasDiagnosisCodeableConcept()) {
                normalise(d.getDiagnosisCodeableConcept());
            }
        }
        for (Claim.ProcedureComponent p : claim.getProcedure()) {
            if (p.hasProcedureCodeableConcept()) {
                normalise(p.getProcedureCodeableConcept());
            }
        }
        for (Claim.ItemComponent item : claim.getItem()) {
            normalise(item.getProductOrService());
            for (CodeableConcept m : item.getModifier()) {
                normalise(m);
            }
            fromChargemaster(item, notes);
        }
        DiagnosisSequencer.sequence(claim, professional, notes);
        CodedEncounter out = new CodedEncounter(in.patient(), in.encounter(), in.coverages(), in.organizations(),
                in.practitioners(), in.conditions(), in.procedures(), claim, in.accounts());
        return new AttachResult(out, notes);
    }

    private static void normalise(CodeableConcept cc) {
        for (Coding c : cc.getCoding()) {
            if (c.hasSystem()) {
                c.setSystem(CodeNormalizer.system(c.getSystem()));
            }
            if (c.hasCode() && !Canonical.CHARGE_CODE_SYSTEM.equals(c.getSystem())) {
                c.setCode(CodeNormalizer.code(c.getCode()));
            }
        }
    }

    /** A line coded only with a charge code gets the chargemaster's CPT/HCPCS code (first), revenue, modifiers, price. */
    private void fromChargemaster(Claim.ItemComponent item, List<String> notes) {
        String charge = null;
        for (Coding c : item.getProductOrService().getCoding()) {
            String s = c.getSystem();
            if (Canonical.CPT.equals(s) || Canonical.HCPCS.equals(s)) {
                return; // already coded
            }
            if (Canonical.CHARGE_CODE_SYSTEM.equals(s) && charge == null) {
                charge = c.getCode();
            }
        }
        if (charge == null) {
            return;
        }
        ChargemasterEntry e = chargemaster.find(charge);
        if (e == null) {
            notes.add("line " + item.getSequence() + ": charge code " + charge + " is not in the chargemaster");
            return;
        }
        String system = Character.isLetter(e.code().charAt(0)) ? Canonical.HCPCS : Canonical.CPT;
        // Generic chargemaster words, never CPT descriptors, go in display.
        item.getProductOrService().getCoding().add(0, new Coding(system, e.code(), null));
        if (!item.hasModifier()) {
            for (String m : e.modifiers()) {
                item.addModifier(new CodeableConcept(new Coding(Canonical.MODIFIER_SYSTEM, m, null)));
            }
        }
        if (!item.hasRevenue() && !e.revenueCode().isEmpty()) {
            item.setRevenue(new CodeableConcept(new Coding(Canonical.REVENUE_SYSTEM, e.revenueCode(), null)));
        }
        if (!item.hasUnitPrice() && e.unitPrice() != null) {
            item.setUnitPrice(new Money().setValue(e.unitPrice()).setCurrency("USD"));
        }
        if (!item.hasNet() && item.hasUnitPrice()) {
            BigDecimal qty = item.hasQuantity() && item.getQuantity().hasValue() ? item.getQuantity().getValue() : BigDecimal.ONE;
            item.setNet(new Money().setValue(item.getUnitPrice().getValue().multiply(qty)).setCurrency("USD"));
        }
    }
}
