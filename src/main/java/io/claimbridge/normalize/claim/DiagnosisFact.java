package io.claimbridge.normalize.claim;

import org.hl7.fhir.r4.model.Coding;

/**
 * One diagnosis as the sender stated it (DG1, or a FHIR Encounter/Claim diagnosis): type
 * A admitting / W working / F final (DG1-6), priority (DG1-15, 1 = principal), POA (DG1-26).
 */
public record DiagnosisFact(Coding code, String text, String type, Integer priority, String poa, String conditionRef) {

    public boolean admitting() {
        return "A".equalsIgnoreCase(type);
    }

    public String key() {
        return code.getSystem() + "|" + code.getCode();
    }
}
