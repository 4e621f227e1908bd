package io.claimbridge.coding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;

/**
 * Builds small canonical encounters for the edit tests: a professional claim with one clean
 * line by default; each test changes only what it is about.
 */
final class ClaimFixture {
    private final Patient patient = new Patient();
    private final Encounter encounter = new Encounter();
    private final Claim claim = new Claim();
    private final List<Practitioner> practitioners = new ArrayList<>();
    private final List<Organization> organizations = new ArrayList<>();
    private LocalDate dos;

    private ClaimFixture(LocalDate dos, boolean institutional) {
        this.dos = dos;
        patient.setId("urn:uuid:p1");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(dos.minusYears(40).minusDays(10).toString()));
        encounter.setId("urn:uuid:e1");
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                institutional ? "IMP" : "AMB", null));
        encounter.setPeriod(new Period().setStartElement(new DateTimeType(dos.toString()))
                .setEndElement(new DateTimeType(dos.toString())));
        claim.setId("urn:uuid:c1");
        claim.setType(new CodeableConcept(new Coding(Canonical.CLAIM_TYPE,
                institutional ? "institutional" : "professional", null)));
        claim.setBillablePeriod(new Period().setStartElement(new DateTimeType(dos.toString()))
                .setEndElement(new DateTimeType(dos.toString())));
    }

    static ClaimFixture professional(LocalDate dos) {
        return new ClaimFixture(dos, false);
    }

    static ClaimFixture inpatient(LocalDate admit, LocalDate discharge) {
        ClaimFixture f = new ClaimFixture(discharge, true);
        f.encounter.getPeriod().setStartElement(new DateTimeType(admit.toString()));
        f.claim.getBillablePeriod().setStartElement(new DateTimeType(admit.toString()));
        f.patient.setBirthDateElement(new DateType(admit.minusYears(40).minusDays(10).toString()));
        return f;
    }

    ClaimFixture male() {
        patient.setGender(AdministrativeGender.MALE);
        return this;
    }

    ClaimFixture ageYears(int years) {
        LocalDate admit = ClaimsDates.date(encounter.getPeriod().getStartElement());
        patient.setBirthDateElement(new DateType(admit.minusYears(years).minusDays(10).toString()));
        return this;
    }

    ClaimFixture newborn() {
        LocalDate admit = ClaimsDates.date(encounter.getPeriod().getStartElement());
        patient.setBirthDateElement(new DateType(admit.toString()));
        return this;
    }

    /** Adds a diagnosis; the first one added is typed principal. */
    ClaimFixture dx(String code) {
        return dx(code, null);
    }

    ClaimFixture dx(String code, String poa) {
        Claim.DiagnosisComponent d = claim.addDiagnosis().setSequence(claim.getDiagnosis().size());
        d.setDiagnosis(new CodeableConcept(new Coding(Canonical.ICD10CM, code, null)));
        d.addType(new CodeableConcept(new Coding(Canonical.DIAGNOSIS_TYPE,
                claim.getDiagnosis().size() == 1 ? "principal" : "secondary", null)));
        if (poa != null) {
            d.setOnAdmission(new CodeableConcept(new Coding(Canonical.POA_SYSTEM, poa, null)));
        }
        return this;
    }

    ClaimFixture pcs(String code) {
        claim.addProcedure().setSequence(claim.getProcedure().size() + 1)
                .setProcedure(new CodeableConcept(new Coding(Canonical.ICD10PCS, code, null)));
        return this;
    }

    /** A line: code (CPT/HCPCS by shape), units, charge, pointer 1, date = DOS, POS 11 on professional. */
    ClaimFixture line(String code, int units, String charge, String... modifiers) {
        return line(code, units, charge, dos, modifiers);
    }

    ClaimFixture line(String code, int units, String charge, LocalDate date, String... modifiers) {
        Claim.ItemComponent it = claim.addItem().setSequence(claim.getItem().size() + 1);
        String system = Character.isLetter(code.charAt(0)) ? Canonical.HCPCS : Canonical.CPT;
        it.setProductOrService(new CodeableConcept(new Coding(system, code, null)));
        for (String m : modifiers) {
            it.addModifier(new CodeableConcept(new Coding(Canonical.MODIFIER_SYSTEM, m, null)));
        }
        it.setQuantity(new Quantity(units));
        it.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"));
        it.setServiced(new DateType(date.toString()));
        if (claim.getType().getCodingFirstRep().getCode().equals("professional")) {
            it.addDiagnosisSequence(1);
            it.setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, "11", null)));
        } else {
            it.setRevenue(new CodeableConcept(new Coding(Canonical.REVENUE_SYSTEM, "0450", null)));
        }
        return this;
    }

    Claim.ItemComponent lastLine() {
        return claim.getItem().get(claim.getItem().size() - 1);
    }

    Claim claim() {
        return claim;
    }

    Patient patient() {
        return patient;
    }

    ClaimFixture practitionerNpi(String npi) {
        Practitioner p = new Practitioner();
        p.setId("urn:uuid:pr" + (practitioners.size() + 1));
        p.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue(npi);
        practitioners.add(p);
        return this;
    }

    ClaimFixture organizationNpi(String npi) {
        Organization o = new Organization();
        o.setId("urn:uuid:org" + (organizations.size() + 1));
        o.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue(npi);
        organizations.add(o);
        return this;
    }

    /** Sets Claim.total to the sum of line charges (call after the lines). */
    ClaimFixture totalled() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Claim.ItemComponent it : claim.getItem()) {
            sum = sum.add(it.getNet().getValue());
        }
        claim.setTotal(new Money().setValue(sum).setCurrency("USD"));
        return this;
    }

    CodedEncounter build() {
        return new CodedEncounter(patient, encounter, List.of(), organizations, practitioners, List.of(), List.of(), claim);
    }

    /** Local helper: calendar date of a FHIR date/time. */
    static final class ClaimsDates {
        static LocalDate date(org.hl7.fhir.r4.model.BaseDateTimeType t) {
            return LocalDate.of(t.getYear(), t.getMonth() + 1, t.getDay());
        }
    }
}
