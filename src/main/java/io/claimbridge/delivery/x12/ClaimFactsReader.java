package io.claimbridge.delivery.x12;

import static io.claimbridge.delivery.x12.CanonicalValues.blank;
import static io.claimbridge.delivery.x12.CanonicalValues.code;
import static io.claimbridge.delivery.x12.CanonicalValues.firstCode;
import static io.claimbridge.delivery.x12.CanonicalValues.identifier;
import static io.claimbridge.delivery.x12.CanonicalValues.requireIdCharacters;
import static io.claimbridge.delivery.x12.PersonReader.person;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.model.RelatedClaims;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * Reads a {@link CodedEncounter} into {@link ClaimFacts}, collecting every reason the claim
 * cannot become a valid 5010 837 (all of them, not just the first, so a person fixes the claim
 * once). Nothing is rendered from a claim with reasons.
 */
public final class ClaimFactsReader {

    /** Result of reading one claim: facts, or the reasons it cannot be rendered. */
    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(ClaimFacts facts) implements Result {
    }

    public record Rejected(ClaimRejection rejection) implements Result {
    }

    static final int MAX_DX_PROFESSIONAL = 12;
    /** 837I: principal + 2 HI segments of 12 other diagnoses. */
    static final int MAX_OTHER_DX_INSTITUTIONAL = 24;
    static final int MAX_PCS_INSTITUTIONAL = 25;

    // Compiled once: String.matches compiles its regex on every call.
    private static final Pattern TAX_ID = Pattern.compile("\\d{9}");
    private static final Pattern TYPE_OF_BILL = Pattern.compile("0?\\d{3}");
    private static final Pattern ICD10CM_CODE = Pattern.compile("[A-Z0-9]{3,7}");
    private static final Pattern ICD10PCS_CODE = Pattern.compile("[A-Z0-9]{7}");
    private static final Pattern ADMISSION_TYPE = Pattern.compile("\\d");
    private static final Pattern PATIENT_STATUS = Pattern.compile("\\d{2}");
    private static final Set<String> POA_CODES = Set.of("Y", "N", "U", "W", "1");
    private static final Set<String> FREQUENCIES = Set.of("1", "7", "8");

    private final ZoneId zone;
    private final ServiceLineReader lineReader;

    /** @param zone the zone FHIR instants are read in (facility local time for dates on the claim) */
    public ClaimFactsReader(ZoneId zone) {
        this.zone = zone;
        this.lineReader = new ServiceLineReader(zone);
    }

    private LocalDate date(BaseDateTimeType t) {
        return CanonicalValues.date(t, zone);
    }

    private LocalDateTime localDateTime(BaseDateTimeType t) {
        return CanonicalValues.localDateTime(t, zone);
    }

    /**
     * @param requested the format the destination wants, or null to follow the claim type
     */
    public Result read(CodedEncounter ce, X12Format requested) {
        Claim claim = ce.claim();
        String claimId = claim == null ? "(no claim)" : claimId(claim);
        List<String> reasons = new ArrayList<>();
        if (claim == null) {
            reasons.add("encounter has no Claim");
            return new Rejected(new ClaimRejection(claimId, reasons));
        }
        ResourceReferences refs = new ResourceReferences(ce);
        X12Format format = formatOf(claim, requested, reasons);
        if (format == null) {
            return new Rejected(new ClaimRejection(claimId, reasons));
        }
        if (claimId.isEmpty() || claimId.length() > 38) {
            reasons.add("CLM01 claim id (identifier " + Canonical.CLAIM_ID_SYSTEM + ") must be 1..38 characters");
        }
        requireIdCharacters(claimId, "CLM01 claim id", reasons);

        ClaimFacts.Organization billing = billing(claim, refs, reasons);
        SentTo sentTo = sentTo(claim, refs, ce, reasons);
        Coverage coverage = sentTo == null ? null : sentTo.coverage();
        Patient patient = refs.find(claim.getPatient(), Patient.class);
        if (patient == null) {
            patient = ce.patient();
        }

        Parties parties = coverage == null ? Parties.NONE
                : parties(claim, coverage, sentTo.sequence(), patient, refs, reasons);
        List<ClaimFacts.OtherPayer> otherPayers = coverage == null ? List.of()
                : OtherPayersReader.read(claim, coverage, parties.responsibility, patient, refs, reasons);

        String frequency = frequency(claim, reasons);
        String original = null;
        if (!"1".equals(frequency)) {
            // payers match a corrected claim by their own claim number, never by ours
            original = RelatedClaims.payerClaimNumber(claim);
            if (blank(original)) {
                reasons.add("frequency " + frequency + " needs the payer's claim number of the claim it corrects"
                        + " (Claim.related.reference, system " + Canonical.PAYER_CLAIM_NUMBER_SYSTEM + ") for REF*F8");
            } else {
                requireIdCharacters(original, "REF*F8 payer claim number", reasons);
            }
        }

        Period billable = claim.getBillablePeriod();
        LocalDate statementFrom = date(billable.getStartElement());
        LocalDate statementTo = billable.hasEnd() ? date(billable.getEndElement()) : statementFrom;

        boolean inpatient = format == X12Format.INSTITUTIONAL && isInpatient(ce.encounter());
        List<DiagnosisEntry> dx = diagnoses(claim, format, reasons);
        DiagnosisEntry principal = dx.stream().filter(d -> d.type.equals("principal")).findFirst()
                .orElse(dx.stream().filter(d -> d.sequence == 1 && d.type.isEmpty()).findFirst().orElse(null));
        if (principal == null) {
            reasons.add("no principal diagnosis (Claim.diagnosis type principal, or sequence 1)");
        }
        // HI order: principal first, then the others by sequence; admitting / reason for visit are
        // separate qualifiers on the 837I and do not take a pointer position.
        List<DiagnosisEntry> others = new ArrayList<>();
        DiagnosisEntry admitting = null;
        DiagnosisEntry reasonForVisit = null;
        for (DiagnosisEntry d : dx) {
            if (d == principal) {
                continue;
            }
            // ABJ is for inpatient and APR for outpatient 837I claims; elsewhere the code stays on
            // the claim as an other diagnosis rather than being dropped.
            if (inpatient && d.type.equals("admitting")) {
                admitting = d;
            } else if (format == X12Format.INSTITUTIONAL && !inpatient && d.type.equals("patientreasonforvisit")) {
                reasonForVisit = d;
            } else {
                others.add(d);
            }
        }
        // Payers reject a diagnosis code listed twice in the HI diagnosis list.
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (principal != null) {
            seen.add(principal.code);
        }
        for (DiagnosisEntry d : others) {
            if (!seen.add(d.code)) {
                reasons.add("diagnosis " + d.sequence + " repeats code " + d.code);
            }
        }
        int maxOthers = format == X12Format.PROFESSIONAL ? MAX_DX_PROFESSIONAL - 1 : MAX_OTHER_DX_INSTITUTIONAL;
        if (others.size() > maxOthers) {
            reasons.add((others.size() + 1) + " diagnoses exceed the " + (maxOthers + 1) + " an "
                    + (format == X12Format.PROFESSIONAL ? "837P" : "837I") + " HI can carry");
        }
        Map<Integer, Integer> pointerBySequence = new HashMap<>();
        if (principal != null) {
            pointerBySequence.put(principal.sequence, 1);
        }
        for (int i = 0; i < others.size(); i++) {
            pointerBySequence.put(others.get(i).sequence, i + 2);
        }

        List<ClaimFacts.Procedure> procedures = format == X12Format.INSTITUTIONAL
                ? pcsProcedures(claim, reasons) : List.of();

        ClaimFacts.Provider provider = provider(claim, refs, format, reasons);
        ClaimFacts.Institutional inst = format == X12Format.INSTITUTIONAL
                ? institutional(ce.encounter(), admitting, reasonForVisit, reasons) : null;
        if (inst != null && inst.inpatient() && admitting == null) {
            reasons.add("inpatient 837I needs an admitting diagnosis (HI ABJ, diagnosis type admitting)");
        }

        String facilityCode = format == X12Format.PROFESSIONAL
                ? placeOfService(claim, reasons) : facilityType(claim, reasons);
        // 837P lines and 837I outpatient lines need a service date; fall back to the statement period.
        boolean lineDates = format == X12Format.PROFESSIONAL || (inst != null && !inst.inpatient());
        List<ClaimFacts.Line> lines = lineReader.lines(claim, claimId, format, facilityCode, pointerBySequence,
                statementFrom, format == X12Format.PROFESSIONAL ? statementFrom : statementTo, lineDates, reasons);

        BigDecimal total = lines.stream().map(ClaimFacts.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (claim.hasTotal() && claim.getTotal().hasValue() && claim.getTotal().getValue().compareTo(total) != 0) {
            reasons.add("Claim.total " + claim.getTotal().getValue().toPlainString()
                    + " differs from the sum of item.net " + total.toPlainString());
        }
        if (format == X12Format.INSTITUTIONAL && statementFrom == null) {
            reasons.add("Claim.billablePeriod (DTP*434 statement dates) missing");
        }

        if (!reasons.isEmpty()) {
            return new Rejected(new ClaimRejection(claimId, reasons));
        }
        boolean withPoa = inst != null && inst.inpatient();
        return new Accepted(new ClaimFacts(format, claimId, total, billing, parties.subscriber, parties.patient,
                parties.relationship, parties.responsibility, parties.group, parties.filing, parties.payerName, parties.payerId,
                parties.payerAddress, otherPayers, facilityCode, frequency, original, statementFrom,
                statementTo, inst, principal.toFact(withPoa), others.stream().map(d -> d.toFact(withPoa)).toList(),
                procedures, provider, lines));
    }

    private static String claimId(Claim claim) {
        String id = identifier(claim.getIdentifier(), Canonical.CLAIM_ID_SYSTEM);
        return id == null ? "" : id;
    }

    private static X12Format formatOf(Claim claim, X12Format requested, List<String> reasons) {
        String type = code(claim.getType(), Canonical.CLAIM_TYPE);
        X12Format byType = "professional".equals(type) ? X12Format.PROFESSIONAL
                : "institutional".equals(type) ? X12Format.INSTITUTIONAL : null;
        if (byType == null) {
            reasons.add("Claim.type must be professional or institutional, was " + type);
            return null;
        }
        if (requested != null && requested != byType) {
            reasons.add("a " + type + " claim cannot be sent as " + requested.version());
            return null;
        }
        return byType;
    }

    private static ClaimFacts.Organization billing(Claim claim, ResourceReferences refs, List<String> reasons) {
        Organization org = refs.find(claim.getProvider(), Organization.class);
        if (org == null) {
            reasons.add("billing provider (Claim.provider → Organization) missing");
            return null;
        }
        String npi = identifier(org.getIdentifier(), Canonical.NPI_SYSTEM);
        if (npi == null) {
            reasons.add("billing provider NPI (2010AA NM109) missing");
        } else if (!Npi.isValid(npi)) {
            reasons.add("billing provider NPI fails the Luhn check digit");
        }
        String taxId = identifier(org.getIdentifier(), Canonical.TAX_ID_SYSTEM);
        String digits = taxId == null ? null : taxId.replace("-", "");
        if (digits == null || !TAX_ID.matcher(digits).matches()) {
            reasons.add("billing provider tax id (2010AA REF*EI) missing or not 9 digits");
        }
        if (blank(org.getName())) {
            reasons.add("billing provider name (2010AA NM103) missing");
        }
        ClaimFacts.Address address = AddressReader.required(org.hasAddress() ? org.getAddressFirstRep() : null,
                "2010AA", "billing provider", reasons);
        // US only (country null): the TR3's ZIP+4 rule has no counterpart for other postal codes.
        if (address != null && address.country() == null && address.zip().length() != 9) {
            reasons.add("billing provider ZIP must be ZIP+4 (9 digits) in 5010");
        }
        return new ClaimFacts.Organization(org.getName(), npi, digits, address);
    }

    /** The coverage the claim is sent to and its Claim.insurance sequence (1 when it has none). */
    private record SentTo(Coverage coverage, int sequence) {
    }

    private static SentTo sentTo(Claim claim, ResourceReferences refs, CodedEncounter ce, List<String> reasons) {
        for (Claim.InsuranceComponent ins : claim.getInsurance()) {
            if (ins.getFocal()) {
                Coverage focal = refs.find(ins.getCoverage(), Coverage.class);
                if (focal != null) {
                    return new SentTo(focal, ins.getSequence());
                }
                break;
            }
        }
        if (claim.hasInsurance()) {
            Claim.InsuranceComponent first = claim.getInsuranceFirstRep();
            Coverage coverage = refs.find(first.getCoverage(), Coverage.class);
            if (coverage != null) {
                return new SentTo(coverage, first.getSequence());
            }
        }
        Coverage coverage = ce.coverages().stream()
                .min(Comparator.comparingInt(c -> c.hasOrder() ? c.getOrder() : Integer.MAX_VALUE))
                .orElse(null);
        if (coverage == null) {
            reasons.add("no Coverage (2000B subscriber / 2010BB payer)");
            return null;
        }
        return new SentTo(coverage, 1);
    }

    /** Subscriber, patient (when not the subscriber) and payer: the 2000B/2000C/2010BB facts. */
    private record Parties(ClaimFacts.Person subscriber, ClaimFacts.Person patient, String relationship,
                           String responsibility, String group, String filing, String payerName, String payerId,
                           ClaimFacts.Address payerAddress) {
        static final Parties NONE = new Parties(null, null, null, "P", null, "CI", null, null, null);
    }

    private Parties parties(Claim claim, Coverage coverage, int sequence, Patient patient, ResourceReferences refs,
                            List<String> reasons) {
        ClaimFacts.Person subscriber;
        ClaimFacts.Person patientLoop = null;
        String relationship = null;
        String payerName = null;
        String payerId = null;
        ClaimFacts.Address payerAddress = null;
        String memberId = coverage.getSubscriberId();
        if (blank(memberId)) {
            reasons.add("Coverage.subscriberId (2010BA NM109 member id) missing");
        } else {
            memberId = memberId.trim();
            requireIdCharacters(memberId, "member id", reasons);
        }
        String rel = code(coverage.getRelationship(), null);
        if (rel == null || rel.equals("self")) {
            subscriber = person(patient, memberId, "subscriber", true, reasons);
        } else {
            DomainResource sub = refs.findContained(coverage, coverage.getSubscriber());
            subscriber = sub == null ? null : person(sub, memberId, "subscriber", false, reasons);
            if (sub == null) {
                reasons.add("subscriber differs from patient (relationship " + rel
                        + ") but Coverage.subscriber does not resolve to a Patient or RelatedPerson");
            }
            patientLoop = person(patient, null, "patient", true, reasons);
            relationship = CoverageCodes.relationship(rel);
        }
        Organization payer = refs.find(claim.getInsurer(), Organization.class);
        if (payer == null && coverage.hasPayor()) {
            payer = refs.find(coverage.getPayorFirstRep(), Organization.class);
        }
        if (payer == null) {
            reasons.add("payer Organization (Claim.insurer / Coverage.payor) missing");
        } else {
            payerName = payer.getName();
            payerId = identifier(payer.getIdentifier(), Canonical.PAYER_ID_SYSTEM);
            payerAddress = AddressReader.situational(payer.getAddress(), "2010BB", "payer");
            if (blank(payerName)) {
                reasons.add("payer name (2010BB NM103) missing");
            }
            if (blank(payerId)) {
                reasons.add("payer id (2010BB NM109, identifier " + Canonical.PAYER_ID_SYSTEM + ") missing");
            } else {
                requireIdCharacters(payerId, "payer id", reasons);
            }
        }
        int level = CoverageCodes.level(coverage, sequence);
        String responsibility = CoverageCodes.responsibility(level);
        if (responsibility == null) {
            reasons.add("payer order " + level + " (Coverage.order) has no SBR01 code (1..11)");
        }
        return new Parties(subscriber, patientLoop, relationship, responsibility,
                CoverageCodes.checkedGroupNumber(coverage, "subscriber's coverage", reasons),
                CoverageCodes.filingIndicator(coverage), payerName, payerId, payerAddress);
    }

    private static String frequency(Claim claim, List<String> reasons) {
        Extension ext = claim.getExtensionByUrl(Canonical.EXT_FREQUENCY);
        String f = null;
        if (ext != null && ext.getValue() != null) {
            f = ext.getValue().primitiveValue();
        } else {
            String tob = typeOfBill(claim);
            if (tob != null && tob.length() == 4) {
                f = tob.substring(3);
            }
        }
        if (f == null) {
            return "1";
        }
        if (!FREQUENCIES.contains(f)) {
            reasons.add("claim frequency " + f + " is not one of 1, 7, 8");
        }
        return f;
    }

    private static String typeOfBill(Claim claim) {
        Extension ext = claim.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL);
        return ext == null || ext.getValue() == null ? null : ext.getValue().primitiveValue();
    }

    /** CLM05-1 for 837I: facility type + bill classification, TOB digits 2-3 ("0111" → "11"). */
    private static String facilityType(Claim claim, List<String> reasons) {
        String tob = typeOfBill(claim);
        if (tob == null || !TYPE_OF_BILL.matcher(tob).matches()) {
            reasons.add("type of bill (extension " + Canonical.EXT_TYPE_OF_BILL + ") missing or malformed");
            return null;
        }
        String digits = tob.length() == 4 ? tob.substring(1) : tob;
        return digits.substring(0, 2);
    }

    /** CLM05-1 for 837P: the place of service of the first item (lines that differ get SV105). */
    private static String placeOfService(Claim claim, List<String> reasons) {
        for (Claim.ItemComponent item : claim.getItem()) {
            String pos = code(item.getLocationCodeableConcept(), Canonical.POS_SYSTEM);
            if (pos != null) {
                return pos;
            }
        }
        reasons.add("place of service (item.locationCodeableConcept, " + Canonical.POS_SYSTEM + ") missing");
        return null;
    }

    /** One Claim.diagnosis in X12 terms, before pointer positions are known. */
    private record DiagnosisEntry(int sequence, String type, String code, String poa) {
        /** POA goes on inpatient 837I claims only (HI0x-9); the 837P has no POA. */
        ClaimFacts.Diagnosis toFact(boolean withPoa) {
            return new ClaimFacts.Diagnosis(code, withPoa ? poa : null);
        }
    }

    private static List<DiagnosisEntry> diagnoses(Claim claim, X12Format format, List<String> reasons) {
        List<DiagnosisEntry> list = new ArrayList<>();
        for (Claim.DiagnosisComponent d : claim.getDiagnosis()) {
            String code = d.hasDiagnosisCodeableConcept()
                    ? code(d.getDiagnosisCodeableConcept(), Canonical.ICD10CM) : null;
            if (code == null) {
                reasons.add("diagnosis " + d.getSequence() + " has no ICD-10-CM code");
                continue;
            }
            String type = "";
            for (CodeableConcept t : d.getType()) {
                String c = code(t, Canonical.DIAGNOSIS_TYPE);
                if (c != null) {
                    type = c;
                    break;
                }
            }
            String poa = null;
            for (CodeableConcept oa : List.of(d.getOnAdmission())) {
                poa = code(oa, Canonical.POA_SYSTEM);
            }
            if (poa != null && !POA_CODES.contains(poa)) {
                reasons.add("diagnosis " + d.getSequence() + " POA " + poa + " is not Y/N/U/W/1");
            }
            String x12Code = code.replace(".", "");
            if (!ICD10CM_CODE.matcher(x12Code).matches()) {
                reasons.add("diagnosis " + d.getSequence() + " code " + code + " is not an ICD-10-CM code");
            }
            list.add(new DiagnosisEntry(d.getSequence(), type, x12Code, poa));
        }
        list.sort(Comparator.comparingInt(DiagnosisEntry::sequence));
        return list;
    }

    private List<ClaimFacts.Procedure> pcsProcedures(Claim claim, List<String> reasons) {
        List<Claim.ProcedureComponent> pcs = claim.getProcedure().stream()
                .filter(p -> code(p.getProcedureCodeableConcept(), Canonical.ICD10PCS) != null)
                .sorted(Comparator.comparingInt(Claim.ProcedureComponent::getSequence))
                .toList();
        if (pcs.size() > MAX_PCS_INSTITUTIONAL) {
            reasons.add(pcs.size() + " ICD-10-PCS procedures exceed the " + MAX_PCS_INSTITUTIONAL + " an 837I can carry");
        }
        List<ClaimFacts.Procedure> out = new ArrayList<>();
        for (Claim.ProcedureComponent p : pcs) {
            String code = code(p.getProcedureCodeableConcept(), Canonical.ICD10PCS);
            LocalDate date = p.hasDate() ? date(p.getDateElement()) : null;
            if (date == null) {
                reasons.add("ICD-10-PCS procedure " + p.getSequence() + " has no date (HI BBR/BBQ needs one)");
            }
            if (!ICD10PCS_CODE.matcher(code).matches()) {
                reasons.add("procedure " + p.getSequence() + " code " + code + " is not a 7-character ICD-10-PCS code");
            }
            out.add(new ClaimFacts.Procedure(code, date));
        }
        return out;
    }

    private static ClaimFacts.Provider provider(Claim claim, ResourceReferences refs, X12Format format, List<String> reasons) {
        Practitioner practitioner = null;
        for (Claim.CareTeamComponent ct : claim.getCareTeam()) {
            if ("primary".equals(code(ct.getRole(), Canonical.CARE_TEAM_ROLE))) {
                practitioner = refs.find(ct.getProvider(), Practitioner.class);
                break;
            }
        }
        String role = format == X12Format.PROFESSIONAL ? "rendering" : "attending";
        if (practitioner == null) {
            if (format == X12Format.INSTITUTIONAL) {
                reasons.add("attending provider (careTeam role primary → Practitioner) missing for 2310A");
            }
            return null;
        }
        String npi = identifier(practitioner.getIdentifier(), Canonical.NPI_SYSTEM);
        if (npi == null || !Npi.isValid(npi)) {
            reasons.add(role + " provider NPI missing or fails the check digit");
        }
        HumanName name = practitioner.hasName() ? practitioner.getNameFirstRep() : null;
        if (name == null || !name.hasFamily()) {
            reasons.add(role + " provider family name missing");
            return null;
        }
        return new ClaimFacts.Provider(name.getFamily(), name.hasGiven() ? name.getGiven().get(0).getValue() : null, npi);
    }

    /** Inpatient encounter classes (v3 ActCode): admission, discharge hour, ABJ and POA apply. */
    private static boolean isInpatient(Encounter enc) {
        String cls = enc.hasClass_() ? enc.getClass_().getCode() : null;
        return "IMP".equals(cls) || "ACUTE".equals(cls) || "NONAC".equals(cls);
    }

    private ClaimFacts.Institutional institutional(Encounter enc, DiagnosisEntry admitting, DiagnosisEntry rfv,
                                                   List<String> reasons) {
        boolean inpatient = isInpatient(enc);
        LocalDateTime admission = null;
        LocalTime discharge = null;
        if (enc.getPeriod().hasStart()) {
            admission = localDateTime(enc.getPeriod().getStartElement());
        }
        if (enc.getPeriod().hasEnd()) {
            LocalDateTime end = localDateTime(enc.getPeriod().getEndElement());
            discharge = end == null ? null : end.toLocalTime();
        }
        if (inpatient && admission == null) {
            reasons.add("inpatient 837I needs the admission date (Encounter.period.start, DTP*435)");
        }
        String type = enc.hasPriority() ? firstCode(enc.getPriority()) : null;
        if (type != null && !ADMISSION_TYPE.matcher(type).matches()) {
            type = null;
        }
        if (type == null) {
            // CL101 is required on every 837I, outpatient too; NUBC 9 = information not available.
            type = "9";
        }
        String source = enc.getHospitalization().hasAdmitSource()
                ? firstCode(enc.getHospitalization().getAdmitSource()) : null;
        String status = enc.getHospitalization().hasDischargeDisposition()
                ? code(enc.getHospitalization().getDischargeDisposition(), Canonical.NUBC_DISCHARGE_STATUS) : null;
        if (status == null || !PATIENT_STATUS.matcher(status).matches()) {
            reasons.add("patient discharge status (Encounter.hospitalization.dischargeDisposition, CL103) missing");
        }
        return new ClaimFacts.Institutional(inpatient, admission, inpatient ? discharge : null, type, source, status,
                admitting == null ? null : admitting.toFact(inpatient),
                rfv == null ? null : new ClaimFacts.Diagnosis(rfv.code, null));
    }
}
