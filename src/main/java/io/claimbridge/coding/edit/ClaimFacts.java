package io.claimbridge.coding.edit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PositiveIntType;

import io.claimbridge.coding.codeset.CodeNormalizer;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;

/**
 * The facts the edits need, read once from the FHIR resources (normalised codes, dates, indexes
 * for FHIRPath). Why: every edit then works on plain values instead of re-walking HAPI getters,
 * and the reading rules (which date is "the" date of service, which diagnosis is principal) live
 * in one place.
 */
record ClaimFacts(
        boolean institutional,
        boolean inpatient,
        LocalDate dateOfService,
        LocalDate periodStart,
        LocalDate periodEnd,
        Integer ageYears,
        Enumerations.AdministrativeGender sex,
        List<Dx> diagnoses,
        List<Px> procedures,
        List<Line> lines,
        BigDecimal total) {

    enum Kind { ICD10CM, ICD9CM, ICD10PCS, CPT, HCPCS, CHARGE, OTHER, NONE }

    /** @param principal true for the principal (or, lacking types, the first) diagnosis */
    record Dx(int index, int sequence, String code, int codingIndex, Kind kind, boolean principal, String poa) {
    }

    record Px(int index, String code, int codingIndex, Kind kind, LocalDate date) {
    }

    record Line(int index, int sequence, String code, int codingIndex, Kind kind, List<String> modifiers,
                BigDecimal quantity, BigDecimal net, LocalDate date, List<Integer> pointers, String pos) {
    }

    static ClaimFacts of(CodedEncounter ce) {
        Claim claim = ce.claim();
        boolean institutional = false;
        if (claim.hasType()) {
            for (Coding c : claim.getType().getCoding()) {
                if ("institutional".equals(c.getCode())) {
                    institutional = true;
                }
            }
        }
        String cls = ce.encounter().hasClass_() ? ce.encounter().getClass_().getCode() : null;
        boolean inpatient = institutional && ("IMP".equals(cls) || "ACUTE".equals(cls) || "NONAC".equals(cls));
        LocalDate start = null;
        LocalDate end = null;
        if (ce.encounter().hasPeriod()) {
            start = date(ce.encounter().getPeriod().getStartElement());
            end = date(ce.encounter().getPeriod().getEndElement());
        }
        LocalDate billStart = claim.hasBillablePeriod() ? date(claim.getBillablePeriod().getStartElement()) : null;
        LocalDate billEnd = claim.hasBillablePeriod() ? date(claim.getBillablePeriod().getEndElement()) : null;

        List<Line> lines = new ArrayList<>(claim.getItem().size());
        LocalDate firstLineDate = null;
        for (int i = 0; i < claim.getItem().size(); i++) {
            Claim.ItemComponent it = claim.getItem().get(i);
            CodeRef ref = code(it.getProductOrService(), false);
            List<String> mods = new ArrayList<>(it.getModifier().size());
            for (CodeableConcept m : it.getModifier()) {
                mods.add(m.hasCoding() ? CodeNormalizer.code(m.getCodingFirstRep().getCode()) : CodeNormalizer.code(m.getText()));
            }
            LocalDate d = it.hasServicedDateType() ? date(it.getServicedDateType())
                    : it.hasServicedPeriod() ? date(it.getServicedPeriod().getStartElement()) : null;
            if (d != null && (firstLineDate == null || d.isBefore(firstLineDate))) {
                firstLineDate = d;
            }
            List<Integer> ptr = new ArrayList<>(it.getDiagnosisSequence().size());
            for (PositiveIntType p : it.getDiagnosisSequence()) {
                ptr.add(p.getValue());
            }
            String pos = null;
            if (it.hasLocationCodeableConcept()) {
                for (Coding c : it.getLocationCodeableConcept().getCoding()) {
                    if (Canonical.POS_SYSTEM.equals(c.getSystem()) || pos == null) {
                        pos = c.getCode();
                    }
                }
            }
            BigDecimal qty = it.hasQuantity() ? it.getQuantity().getValue() : null;
            BigDecimal net = it.hasNet() ? it.getNet().getValue()
                    : it.hasUnitPrice() && qty != null ? it.getUnitPrice().getValue().multiply(qty) : null;
            lines.add(new Line(i, it.getSequence(), ref.code, ref.codingIndex, ref.kind, mods, qty, net, d, ptr, pos));
        }

        // Inpatient codes are valid by discharge date (ICD-10 / MCE convention); other claims by the
        // first date of service.
        LocalDate dos = inpatient
                ? first(end, billEnd, billStart, start, firstLineDate)
                : first(billStart, firstLineDate, start, billEnd, end);
        LocalDate admission = first(start, billStart, dos);

        Integer age = null;
        Enumerations.AdministrativeGender sex = null;
        Patient p = ce.patient();
        if (p.hasBirthDate() && admission != null) {
            LocalDate born = date(p.getBirthDateElement());
            if (born != null && !born.isAfter(admission)) {
                age = Period.between(born, admission).getYears();
            }
        }
        if (p.hasGender()) {
            sex = p.getGender();
        }

        List<Dx> dxs = new ArrayList<>(claim.getDiagnosis().size());
        int principalIndex = -1;
        for (int i = 0; i < claim.getDiagnosis().size(); i++) {
            Claim.DiagnosisComponent d = claim.getDiagnosis().get(i);
            for (CodeableConcept t : d.getType()) {
                for (Coding c : t.getCoding()) {
                    if ("principal".equals(c.getCode()) && principalIndex < 0) {
                        principalIndex = i;
                    }
                }
            }
        }
        if (principalIndex < 0 && !claim.getDiagnosis().isEmpty()) {
            int lowest = Integer.MAX_VALUE;
            for (int i = 0; i < claim.getDiagnosis().size(); i++) {
                int s = claim.getDiagnosis().get(i).getSequence();
                if (s < lowest) {
                    lowest = s;
                    principalIndex = i;
                }
            }
        }
        for (int i = 0; i < claim.getDiagnosis().size(); i++) {
            Claim.DiagnosisComponent d = claim.getDiagnosis().get(i);
            CodeRef ref = d.hasDiagnosisCodeableConcept() ? code(d.getDiagnosisCodeableConcept(), true) : CodeRef.NONE;
            String poa = d.hasOnAdmission() ? poa(d.getOnAdmission()) : null;
            dxs.add(new Dx(i, d.getSequence(), ref.code, ref.codingIndex, ref.kind, i == principalIndex, poa));
        }

        List<Px> pxs = new ArrayList<>(claim.getProcedure().size());
        for (int i = 0; i < claim.getProcedure().size(); i++) {
            Claim.ProcedureComponent pr = claim.getProcedure().get(i);
            CodeRef ref = pr.hasProcedureCodeableConcept() ? code(pr.getProcedureCodeableConcept(), false) : CodeRef.NONE;
            pxs.add(new Px(i, ref.code, ref.codingIndex, ref.kind, pr.hasDate() ? date(pr.getDateElement()) : null));
        }
        BigDecimal total = claim.hasTotal() ? claim.getTotal().getValue() : null;
        return new ClaimFacts(institutional, inpatient, dos, first(start, billStart), first(end, billEnd), age, sex,
                dxs, pxs, lines, total);
    }

    private record CodeRef(String code, int codingIndex, Kind kind) {
        static final CodeRef NONE = new CodeRef(null, 0, Kind.NONE);
    }

    /**
     * The coding the edits judge: the first in a system we know (charge codes only when nothing
     * better is there), normalised; HCPCS vs CPT is decided by the code's shape because senders
     * often label Level II codes as CPT and vice versa.
     */
    private static CodeRef code(CodeableConcept cc, boolean diagnosis) {
        CodeRef fallback = CodeRef.NONE;
        List<Coding> codings = cc.getCoding();
        for (int j = 0; j < codings.size(); j++) {
            Coding c = codings.get(j);
            String system = CodeNormalizer.system(c.getSystem());
            String code = CodeNormalizer.code(c.getCode());
            if (code == null || code.isEmpty()) {
                continue;
            }
            Kind kind = kind(system, code, diagnosis);
            if (kind == Kind.CHARGE || kind == Kind.OTHER) {
                if (fallback.kind == Kind.NONE || (fallback.kind == Kind.OTHER && kind == Kind.CHARGE)) {
                    fallback = new CodeRef(code, j, kind);
                }
                continue;
            }
            return new CodeRef(code, j, kind);
        }
        return fallback;
    }

    private static Kind kind(String system, String code, boolean diagnosis) {
        if (system == null) {
            return diagnosis ? Kind.ICD10CM : Kind.OTHER;
        }
        switch (system) {
            case Canonical.ICD10CM:
                return Kind.ICD10CM;
            case CodeNormalizer.ICD9CM:
                return Kind.ICD9CM;
            case Canonical.ICD10PCS:
                return Kind.ICD10PCS;
            case Canonical.CPT:
            case Canonical.HCPCS:
                return Character.isLetter(code.charAt(0)) ? Kind.HCPCS : Kind.CPT;
            case Canonical.CHARGE_CODE_SYSTEM:
                return Kind.CHARGE;
            default:
                return Kind.OTHER;
        }
    }

    private static String poa(CodeableConcept cc) {
        for (Coding c : cc.getCoding()) {
            if (c.hasCode()) {
                return c.getCode().trim().toUpperCase();
            }
        }
        return cc.hasText() ? cc.getText().trim().toUpperCase() : null;
    }

    /**
     * Calendar date as written (no time-zone shifting), null when absent; a partial date (year or
     * year-month) reads as its first day. Parsed from the stored text because HAPI's calendar
     * getters build a Calendar per call, which dominated the cost of a clean claim.
     */
    static LocalDate date(BaseDateTimeType t) {
        if (t == null) {
            return null;
        }
        String s = t.getValueAsString();
        if (s == null || s.length() < 4) {
            return null;
        }
        try {
            int year = Integer.parseInt(s, 0, 4, 10);
            int month = s.length() >= 7 ? Integer.parseInt(s, 5, 7, 10) : 1;
            int day = s.length() >= 10 ? Integer.parseInt(s, 8, 10, 10) : 1;
            return LocalDate.of(year, month, day);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
