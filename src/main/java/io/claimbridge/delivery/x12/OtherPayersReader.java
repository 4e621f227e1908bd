package io.claimbridge.delivery.x12;

import static io.claimbridge.delivery.x12.CanonicalValues.blank;
import static io.claimbridge.delivery.x12.CanonicalValues.code;
import static io.claimbridge.delivery.x12.CanonicalValues.identifier;
import static io.claimbridge.delivery.x12.CanonicalValues.requireIdCharacters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.claimbridge.model.Canonical;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * Reads the claim's other coverages (every Claim.insurance but the one the claim is sent to) into
 * 2320/2330A/2330B facts. The TR3 requires loop 2320 whenever other payers are known, and 2330A
 * NM103/NM109 and 2330B NM103/NM109 are required in it, so an other payer missing one of them
 * makes the claim unrenderable (a reason) rather than being left out or written half.
 */
final class OtherPayersReader {
    /** Loop 2320 repeats at most 10 times (TR3 and x12-parser's maps). */
    static final int MAX_OTHER_PAYERS = 10;

    private OtherPayersReader() {
    }

    /**
     * @param sentTo         the Coverage of the payer the claim goes to (2000B), left out here
     * @param responsibility that payer's SBR01, checked against the others' for clashes and gaps
     */
    static List<ClaimFacts.OtherPayer> read(Claim claim, Coverage sentTo, String responsibility, Patient patient,
                                            ResourceReferences refs, List<String> reasons) {
        List<Claim.InsuranceComponent> insurance = new ArrayList<>(claim.getInsurance());
        insurance.sort(Comparator.comparingInt(Claim.InsuranceComponent::getSequence));
        List<ClaimFacts.OtherPayer> out = new ArrayList<>();
        for (Claim.InsuranceComponent ins : insurance) {
            Coverage coverage = refs.find(ins.getCoverage(), Coverage.class);
            String where = "other payer (Claim.insurance " + ins.getSequence() + ")";
            if (coverage == null) {
                reasons.add(where + ": coverage does not resolve to a Coverage (loop 2320)");
            } else if (coverage != sentTo) {
                out.add(otherPayer(coverage, ins.getSequence(), where, patient, refs, reasons));
            }
        }
        if (out.size() > MAX_OTHER_PAYERS) {
            reasons.add(out.size() + " other payers exceed the " + MAX_OTHER_PAYERS + " loop 2320 can carry");
        }
        if (!out.isEmpty()) {
            checkOrder(responsibility, out, reasons);
        }
        return out;
    }

    private static ClaimFacts.OtherPayer otherPayer(Coverage coverage, int sequence, String where, Patient patient,
                                                    ResourceReferences refs, List<String> reasons) {
        int level = CoverageCodes.level(coverage, sequence);
        String responsibility = CoverageCodes.responsibility(level);
        if (responsibility == null) {
            reasons.add(where + ": payer order " + level + " has no SBR01 code (1..11)");
        }
        String memberId = coverage.getSubscriberId();
        if (blank(memberId)) {
            reasons.add(where + ": Coverage.subscriberId (2330A NM109 member id) missing");
        } else {
            memberId = memberId.trim();
            requireIdCharacters(memberId, where + " member id", reasons);
        }
        String rel = code(coverage.getRelationship(), null);
        DomainResource insured = rel == null || rel.equals("self") ? patient
                : refs.findContained(coverage, coverage.getSubscriber());
        ClaimFacts.Person subscriber = null;
        if (insured instanceof Patient || insured instanceof RelatedPerson) {
            subscriber = PersonReader.otherSubscriber(insured, memberId, where + " subscriber", reasons);
        } else {
            reasons.add(where + ": subscriber (relationship " + rel
                    + ") does not resolve to a Patient or RelatedPerson for 2330A");
        }
        String group = CoverageCodes.checkedGroupNumber(coverage, where, reasons);
        Organization payer = coverage.hasPayor() ? refs.find(coverage.getPayorFirstRep(), Organization.class) : null;
        String payerName = null;
        String payerId = null;
        if (payer == null) {
            reasons.add(where + ": payer Organization (Coverage.payor) missing for 2330B");
        } else {
            payerName = payer.getName();
            payerId = identifier(payer.getIdentifier(), Canonical.PAYER_ID_SYSTEM);
            if (blank(payerName)) {
                reasons.add(where + ": payer name (2330B NM103) missing");
            }
            if (blank(payerId)) {
                reasons.add(where + ": payer id (2330B NM109, identifier " + Canonical.PAYER_ID_SYSTEM + ") missing");
            } else {
                requireIdCharacters(payerId, where + " payer id", reasons);
            }
        }
        return new ClaimFacts.OtherPayer(responsibility, CoverageCodes.relationship(rel), group,
                CoverageCodes.filingIndicator(coverage), subscriber, payerName, payerId);
    }

    /**
     * Payers reject a claim whose SBR01 codes (2000B and every 2320) repeat a level or skip one
     * (a tertiary without a secondary): each payer needs the whole order to coordinate.
     */
    private static void checkOrder(String sentTo, List<ClaimFacts.OtherPayer> others, List<String> reasons) {
        boolean[] seen = new boolean[CoverageCodes.levelOf("H") + 1];
        int highest = 0;
        List<String> codes = new ArrayList<>();
        codes.add(sentTo);
        others.forEach(o -> codes.add(o.responsibility()));
        for (String code : codes) {
            int level = CoverageCodes.levelOf(code);
            if (level == 0) {
                continue; // already a reason of its own
            }
            if (seen[level]) {
                reasons.add("payer responsibility " + code + " (SBR01) is given to more than one coverage");
            }
            seen[level] = true;
            highest = Math.max(highest, level);
        }
        for (int level = 1; level < highest; level++) {
            if (!seen[level]) {
                reasons.add("payer responsibility " + CoverageCodes.responsibility(level)
                        + " (SBR01) is skipped: no coverage has payer order " + level);
            }
        }
    }
}
