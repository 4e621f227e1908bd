package io.claimbridge.normalize.claim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

import io.claimbridge.model.Canonical;

/**
 * Orders diagnoses into Claim.diagnosis[] the way an 837 reads them: principal first (DG1-15 = 1;
 * else the best-ranked non-admitting one; else the first admitting), then the rest by priority
 * and arrival. One entry per code; a code that is both admitting and principal carries both types.
 */
public final class DiagnosisSequencer {

    private DiagnosisSequencer() {
    }

    public static List<Claim.DiagnosisComponent> sequence(List<DiagnosisFact> facts, Coding drg) {
        List<DiagnosisFact> ranked = new ArrayList<>(facts);
        // Stable sort: explicit priority first (1, 2, ...), unranked keep message order.
        ranked.sort(Comparator.comparingInt(DiagnosisSequencer::rank));
        DiagnosisFact principal = principal(ranked);

        Map<String, Claim.DiagnosisComponent> byCode = new LinkedHashMap<>();
        if (principal != null) {
            Claim.DiagnosisComponent d = entry(principal);
            d.addType(type("principal"));
            byCode.put(principal.key(), d);
        }
        for (DiagnosisFact f : ranked) {
            Claim.DiagnosisComponent d = byCode.computeIfAbsent(f.key(), k -> entry(f));
            if (f.admitting() && !hasType(d, "admitting")) {
                d.addType(type("admitting"));
            } else if (f != principal && !hasType(d, "principal") && !hasType(d, "secondary") && !f.admitting()) {
                d.addType(type("secondary"));
            }
            if (!d.hasOnAdmission() && f.poa() != null) {
                d.setOnAdmission(new CodeableConcept(new Coding(Canonical.POA_SYSTEM, f.poa(), null)));
            }
        }
        List<Claim.DiagnosisComponent> out = new ArrayList<>(byCode.values());
        for (int i = 0; i < out.size(); i++) {
            out.get(i).setSequence(i + 1);
        }
        if (drg != null && !out.isEmpty()) {
            out.get(0).setPackageCode(new CodeableConcept(drg));
        }
        return out;
    }

    private static int rank(DiagnosisFact f) {
        return f.priority() == null || f.priority() < 1 ? Integer.MAX_VALUE : f.priority();
    }

    /** DG1-15 = 1; else the first non-admitting; else the first. */
    private static DiagnosisFact principal(List<DiagnosisFact> ranked) {
        for (DiagnosisFact f : ranked) {
            if (f.priority() != null && f.priority() == 1) return f;
        }
        for (DiagnosisFact f : ranked) {
            if (!f.admitting()) return f;
        }
        return ranked.isEmpty() ? null : ranked.get(0);
    }

    static Claim.DiagnosisComponent entry(DiagnosisFact f) {
        Claim.DiagnosisComponent d = new Claim.DiagnosisComponent();
        CodeableConcept cc = new CodeableConcept(f.code().copy());
        if (f.text() != null) {
            cc.setText(f.text());
        }
        d.setDiagnosis(cc);
        if (f.poa() != null) {
            d.setOnAdmission(new CodeableConcept(new Coding(Canonical.POA_SYSTEM, f.poa(), null)));
        }
        return d;
    }

    public static CodeableConcept type(String code) {
        return new CodeableConcept(new Coding(Canonical.DIAGNOSIS_TYPE, code, null));
    }

    public static boolean hasType(Claim.DiagnosisComponent d, String code) {
        for (CodeableConcept t : d.getType()) {
            if (t.hasCoding(Canonical.DIAGNOSIS_TYPE, code)) return true;
        }
        return false;
    }
}
