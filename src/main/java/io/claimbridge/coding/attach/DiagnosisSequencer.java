package io.claimbridge.coding.attach;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PositiveIntType;

/**
 * Orders Claim.diagnosis principal first, then admitting, then the rest (stable by their original
 * sequence), renumbers sequence 1..n and rewrites line pointers to the new numbers; professional
 * lines keep at most 4 pointers, all pointing at diagnoses that exist (the principal when none).
 */
final class DiagnosisSequencer {
    static final int MAX_POINTERS = 4;

    private DiagnosisSequencer() {
    }

    static void sequence(Claim claim, boolean professional, List<String> notes) {
        List<Claim.DiagnosisComponent> dx = new ArrayList<>(claim.getDiagnosis());
        dx.sort(Comparator.comparingInt(DiagnosisSequencer::rank)
                .thenComparingInt(Claim.DiagnosisComponent::getSequence));
        Map<Integer, Integer> renumber = new HashMap<>();
        for (int i = 0; i < dx.size(); i++) {
            renumber.putIfAbsent(dx.get(i).getSequence(), i + 1);
            dx.get(i).setSequence(i + 1);
        }
        claim.setDiagnosis(dx);
        for (Claim.ItemComponent item : claim.getItem()) {
            List<PositiveIntType> kept = new ArrayList<>();
            for (PositiveIntType p : item.getDiagnosisSequence()) {
                Integer to = p.getValue() == null ? null : renumber.get(p.getValue());
                if (to == null) {
                    notes.add("line " + item.getSequence() + ": dropped pointer to missing diagnosis " + p.getValue());
                } else if (kept.stream().noneMatch(k -> k.getValue().equals(to))) {
                    kept.add(new PositiveIntType(to));
                }
            }
            if (professional && kept.size() > MAX_POINTERS) {
                notes.add("line " + item.getSequence() + ": kept the first " + MAX_POINTERS + " of " + kept.size()
                        + " diagnosis pointers");
                kept = new ArrayList<>(kept.subList(0, MAX_POINTERS));
            }
            if (professional && kept.isEmpty() && !dx.isEmpty()) {
                kept.add(new PositiveIntType(1));
                notes.add("line " + item.getSequence() + ": no diagnosis pointer; pointed at the principal diagnosis");
            }
            item.setDiagnosisSequence(kept);
        }
    }

    private static int rank(Claim.DiagnosisComponent d) {
        int best = 2;
        for (CodeableConcept t : d.getType()) {
            for (Coding c : t.getCoding()) {
                if ("principal".equals(c.getCode())) {
                    best = 0;
                } else if ("admitting".equals(c.getCode()) && best > 1) {
                    best = 1;
                }
            }
        }
        return best;
    }
}
