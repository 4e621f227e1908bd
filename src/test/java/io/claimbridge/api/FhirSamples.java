package io.claimbridge.api;

import java.math.BigDecimal;
import java.util.Date;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** Minimal resources that meet claimbridge's requirements; each test picks its own identifiers. */
public final class FhirSamples {
    static final String SYSTEM = "urn:oid:1.2.3.4.5";

    private FhirSamples() {
    }

    public static Encounter encounter(String value, String patientRef) {
        Encounter e = new Encounter();
        e.addIdentifier().setSystem(SYSTEM).setValue(value);
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.setSubject(new Reference(patientRef));
        e.setPeriod(new Period().setStart(new Date(1_741_766_400_000L)));
        return e;
    }

    static Claim claim(String value, String patientRef) {
        Claim c = new Claim();
        c.addIdentifier().setSystem(SYSTEM).setValue(value);
        c.setStatus(Claim.ClaimStatus.ACTIVE);
        c.setUse(Claim.Use.CLAIM);
        c.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null)));
        c.setPatient(new Reference(patientRef));
        c.setCreated(new Date(1_741_766_400_000L));
        c.setProvider(new Reference().setDisplay("Provider").setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1234567893")));
        c.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
        c.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(
                new Coding("http://hl7.org/fhir/sid/icd-10-cm", "J20.9", null)));
        c.addItem().setSequence(1).addDiagnosisSequence(1).setProductOrService(new CodeableConcept(
                new Coding("http://www.ama-assn.org/go/cpt", "99213", null))).setNet(new Money().setValue(new BigDecimal("100.00")).setCurrency("USD"));
        return c;
    }

    static Patient patient(String mrn) {
        Patient p = new Patient();
        p.addIdentifier().setSystem("urn:oid:1.2.3.4.6").setValue(mrn);
        p.addName().setFamily("TESTPATIENT").addGiven("ALEX");
        return p;
    }

    /** Patient + Encounter + Claim, linked by urn:uuid fullUrls, each a conditional create. */
    static Bundle transaction(String suffix, BundleType type) {
        Bundle b = new Bundle().setType(type);
        b.getIdentifier().setSystem(SYSTEM).setValue("B-" + suffix);
        String patientUrl = "urn:uuid:11111111-1111-1111-1111-" + String.format("%012d", Math.abs(suffix.hashCode()));
        b.addEntry().setFullUrl(patientUrl).setResource(patient("MRN-" + suffix)).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=urn:oid:1.2.3.4.6|MRN-" + suffix);
        b.addEntry().setFullUrl("urn:uuid:22222222-2222-2222-2222-222222222222")
                .setResource(encounter("E-" + suffix, patientUrl)).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Encounter").setIfNoneExist("identifier=" + SYSTEM + "|E-" + suffix);
        b.addEntry().setFullUrl("urn:uuid:33333333-3333-3333-3333-333333333333")
                .setResource(claim("C-" + suffix, patientUrl)).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Claim").setIfNoneExist("identifier=" + SYSTEM + "|C-" + suffix);
        return b;
    }
}
