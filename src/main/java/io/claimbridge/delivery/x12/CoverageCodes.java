package io.claimbridge.delivery.x12;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;

/**
 * A Coverage in X12 code terms, the same for the payer the claim goes to (2000B SBR, 2000C PAT)
 * and for every other payer (2320 SBR), so the two can never disagree.
 */
final class CoverageCodes {
    /** SBR01 by payer order: primary, secondary, tertiary, then payers four to eleven. */
    private static final String RESPONSIBILITY = "PSTABCDEFGH";
    private static final Set<String> FILING_INDICATORS = Set.of("11", "12", "13", "14", "15", "16", "17",
            "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ");

    private static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";

    private CoverageCodes() {
    }

    /** The payer's place in the order: Coverage.order, else its Claim.insurance sequence. */
    static int level(Coverage coverage, int sequence) {
        return coverage.hasOrder() ? coverage.getOrder() : sequence;
    }

    /** SBR01 for a payer order of 1..11; null for any other (X12 has no code for it). */
    static String responsibility(int level) {
        return level >= 1 && level <= RESPONSIBILITY.length() ? String.valueOf(RESPONSIBILITY.charAt(level - 1)) : null;
    }

    /** The payer order an SBR01 code stands for (1 = P); 0 for a code not made by {@link #responsibility}. */
    static int levelOf(String responsibility) {
        return responsibility == null || responsibility.length() != 1 ? 0 : RESPONSIBILITY.indexOf(responsibility) + 1;
    }

    /**
     * SBR02 / PAT01, the patient's relationship to the insured, from the FHIR subscriber-relationship
     * code (null = self).
     */
    static String relationship(String fhirCode) {
        if (fhirCode == null) {
            return "18";
        }
        return switch (fhirCode) {
            case "self" -> "18";
            case "spouse" -> "01";
            case "child" -> "19";
            default -> "G8";
        };
    }

    /** SBR03 is AN 1/50. */
    private static final int MAX_GROUP_NUMBER = 50;

    /**
     * SBR03 (2000B and 2320): the group number when there is one, with a reason added when X12
     * cannot carry it (too long, a delimiter).
     */
    static String checkedGroupNumber(Coverage coverage, String where, List<String> reasons) {
        String group = groupNumber(coverage);
        if (group != null) {
            if (group.length() > MAX_GROUP_NUMBER) {
                reasons.add(where + ": group number (SBR03) longer than " + MAX_GROUP_NUMBER + " characters");
            }
            CanonicalValues.requireIdCharacters(group, where + " group number", reasons);
        }
        return group;
    }

    /** SBR03: the Coverage.class of type group (HL7v2 IN1-8), or null. */
    static String groupNumber(Coverage coverage) {
        for (Coverage.ClassComponent c : coverage.getClass_()) {
            String value = c.getValue();
            if ("group".equals(CanonicalValues.code(c.getType(), COVERAGE_CLASS)) && value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** SBR09 from Coverage.type when it carries an X12 claim filing indicator code; CI otherwise. */
    static String filingIndicator(Coverage coverage) {
        for (Coding c : coverage.getType().getCoding()) {
            if (c.hasCode() && FILING_INDICATORS.contains(c.getCode())) {
                return c.getCode();
            }
        }
        return "CI";
    }
}
