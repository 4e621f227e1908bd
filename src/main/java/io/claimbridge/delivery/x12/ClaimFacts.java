package io.claimbridge.delivery.x12;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * Everything an 837 needs from one claim, already checked and in X12 terms (codes without dots,
 * amounts as BigDecimal, dx pointers as HI positions). The FHIR walk and the rejection reasons
 * live in {@link ClaimFactsReader}; the writer only lays these facts out as segments, so it can
 * never meet a half-valid claim.
 */
public record ClaimFacts(
        X12Format format,
        String claimId,
        BigDecimal total,
        Organization billing,
        Person subscriber,
        /* null when the patient is the subscriber (no 2000C loop) */
        Person patient,
        /* PAT01 individual relationship code, when patient != subscriber */
        String patientRelationship,
        String payerResponsibility,
        /* 2000B SBR03, null when the coverage names no group */
        String groupNumber,
        String filingIndicator,
        String payerName,
        String payerId,
        /* 2010BB N3/N4; null when the payer has no complete address (situational, then left out) */
        Address payerAddress,
        /* loop 2320 per other payer, in payer order; empty when the claim has one coverage */
        List<OtherPayer> otherPayers,
        String facilityCode,
        String frequency,
        String originalClaimRef,
        LocalDate statementFrom,
        LocalDate statementTo,
        Institutional institutional,
        Diagnosis principal,
        List<Diagnosis> otherDiagnoses,
        List<Procedure> procedures,
        Provider provider,
        List<Line> lines) {

    /**
     * N3/N4. {@code state} is the N402 code (US and Canada, else null), {@code country} the N404
     * ISO alpha-2 code (null for the US), {@code subdivision} the N407 code (outside US and Canada).
     */
    public record Address(String line1, String line2, String city, String state, String zip, String country,
                          String subdivision) {
    }

    /** Billing provider (2010AA). */
    public record Organization(String name, String npi, String taxId, Address address) {
    }

    /** Subscriber (2010BA) or patient (2010CA). Gender is the X12 code M/F/U. */
    public record Person(String last, String first, String middle, String memberId, Address address,
                         LocalDate birthDate, String gender) {
    }

    /**
     * Another payer of the patient (2320 SBR/OI, 2330A other subscriber, 2330B other payer). No
     * adjudication: the engine has no 835 from that payer, so no AMT*D, CAS or DTP*573.
     * {@code subscriber} carries name, member id and a situational address only.
     */
    public record OtherPayer(String responsibility, String relationship, String groupNumber, String filingIndicator,
                             Person subscriber, String payerName, String payerId) {
    }

    /** Rendering (837P 2310B NM1*82) or attending (837I 2310A NM1*71) provider. */
    public record Provider(String last, String first, String npi) {
    }

    /** A diagnosis as it goes into HI: code without the dot, POA (837I only) or null. */
    public record Diagnosis(String code, String poa) {
    }

    /** An ICD-10-PCS procedure (837I HI BBR/BBQ). */
    public record Procedure(String code, LocalDate date) {
    }

    /** 837I-only facts: admission, CL1 codes, admitting diagnosis, reason for visit. */
    public record Institutional(boolean inpatient, LocalDateTime admission, LocalTime dischargeTime,
                                String admissionType, String admissionSource, String patientStatus,
                                Diagnosis admitting, Diagnosis reasonForVisit) {
    }

    /**
     * One service line. {@code pointers} are 1-based positions in the HI list (837P);
     * {@code placeOfService} is set only when it differs from CLM05-1; {@code controlNumber} is
     * the REF*6R line item control number (see {@link LineControlNumbers}).
     */
    public record Line(String revenueCode, String code, List<String> modifiers, BigDecimal amount,
                       BigDecimal units, String placeOfService, List<Integer> pointers,
                       LocalDate from, LocalDate to, String controlNumber) {
    }
}
