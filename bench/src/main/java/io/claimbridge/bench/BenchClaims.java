package io.claimbridge.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** Realistic canonical claims for the benchmarks (what the coding stage hands to delivery). */
final class BenchClaims {
    private BenchClaims() {
    }

    static List<CodedEncounter> professional(int n) {
        List<CodedEncounter> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(build("P" + i, false));
        }
        return out;
    }

    static List<CodedEncounter> institutional(int n) {
        List<CodedEncounter> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(build("I" + i, true));
        }
        return out;
    }

    private static CodedEncounter build(String id, boolean institutional) {
        Patient patient = new Patient();
        patient.setId("urn:uuid:pat-" + id);
        patient.addName().setFamily("Doe").addGiven("Jane");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1980-04-15"));
        patient.addAddress().addLine("12 Elm St").setCity("Springfield").setState("IL").setPostalCode("62701");

        Organization billing = new Organization();
        billing.setId("urn:uuid:org-billing");
        billing.setName("Springfield General Hospital");
        billing.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue("1234567893");
        billing.addIdentifier().setSystem(Canonical.TAX_ID_SYSTEM).setValue("371234567");
        billing.addAddress().addLine("800 E Carpenter St").setCity("Springfield").setState("IL").setPostalCode("627011234");

        Organization payer = new Organization();
        payer.setId("urn:uuid:org-payer");
        payer.setName("Acme Health Plan");
        payer.addIdentifier().setSystem(Canonical.PAYER_ID_SYSTEM).setValue("60054");

        Coverage coverage = new Coverage();
        coverage.setId("urn:uuid:cov-" + id);
        coverage.setOrder(1);
        coverage.setSubscriberId("W" + id);
        coverage.addPayor(new Reference("urn:uuid:org-payer"));
        coverage.setRelationship(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)));

        Practitioner doc = new Practitioner();
        doc.setId("urn:uuid:prac-1");
        doc.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue("1245319599");
        doc.addName().setFamily("House").addGiven("Gregory");

        Encounter enc = new Encounter();
        enc.setId("urn:uuid:enc-" + id);
        enc.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", institutional ? "IMP" : "AMB", null));
        enc.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01T14:30:00-06:00"))
                .setEndElement(new DateTimeType("2026-11-04T10:15:00-06:00")));
        enc.getHospitalization().setDischargeDisposition(
                new CodeableConcept(new Coding(Canonical.NUBC_DISCHARGE_STATUS, "01", null)));

        Claim claim = new Claim();
        claim.setId("urn:uuid:claim-" + id);
        claim.addIdentifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(id);
        claim.setType(new CodeableConcept(new Coding(Canonical.CLAIM_TYPE,
                institutional ? "institutional" : "professional", null)));
        claim.setPatient(new Reference(patient.getIdElement().getValue()));
        claim.setProvider(new Reference("urn:uuid:org-billing"));
        claim.setInsurer(new Reference("urn:uuid:org-payer"));
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(coverage.getIdElement().getValue()));
        claim.addCareTeam().setSequence(1).setProvider(new Reference("urn:uuid:prac-1"))
                .setRole(new CodeableConcept(new Coding(Canonical.CARE_TEAM_ROLE, "primary", null)));
        claim.setBillablePeriod(new Period().setStartElement(new DateTimeType("2026-11-01"))
                .setEndElement(new DateTimeType(institutional ? "2026-11-04" : "2026-11-01")));
        String[][] dx = institutional
                ? new String[][] {{"J18.9", "principal", "Y"}, {"R05.9", "admitting", null}, {"I10", null, "Y"},
                        {"N17.9", null, "N"}, {"E11.9", null, "Y"}}
                : new String[][] {{"J18.9", "principal", null}, {"I10", null, null}, {"E11.9", null, null}};
        int seq = 1;
        for (String[] d : dx) {
            Claim.DiagnosisComponent c = claim.addDiagnosis().setSequence(seq++)
                    .setDiagnosis(new CodeableConcept(new Coding(Canonical.ICD10CM, d[0], null)));
            if (d[1] != null) {
                c.addType(new CodeableConcept(new Coding(Canonical.DIAGNOSIS_TYPE, d[1], null)));
            }
            if (d[2] != null) {
                c.setOnAdmission(new CodeableConcept(new Coding(Canonical.POA_SYSTEM, d[2], null)));
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        if (institutional) {
            claim.addExtension(Canonical.EXT_TYPE_OF_BILL, new StringType("0111"));
            claim.addProcedure().setSequence(1).setDateElement(new DateTimeType("2026-11-02"))
                    .setProcedure(new CodeableConcept(new Coding(Canonical.ICD10PCS, "5A1955Z", null)));
            total = total.add(item(claim, 1, null, null, "0120", "3600.00", 3, false));
            total = total.add(item(claim, 2, "71046", "26", "0324", "410.25", 1, false));
            total = total.add(item(claim, 3, "J1100", null, "0636", "22.50", 2, false));
        } else {
            total = total.add(item(claim, 1, "99214", "25", null, "150.00", 1, true));
            total = total.add(item(claim, 2, "71046", "26", null, "85.50", 1, true));
        }
        claim.setTotal(new Money().setValue(total).setCurrency("USD"));
        return new CodedEncounter(patient, enc, List.of(coverage), List.of(billing, payer), List.of(doc),
                List.of(), List.of(), claim);
    }

    private static BigDecimal item(Claim claim, int seq, String code, String mod, String revenue, String net, int qty,
                                   boolean professional) {
        Claim.ItemComponent item = claim.addItem().setSequence(seq);
        CodeableConcept product = new CodeableConcept();
        if (code != null) {
            product.addCoding(new Coding(code.startsWith("J") ? Canonical.HCPCS : Canonical.CPT, code, null));
        }
        item.setProductOrService(product);
        if (mod != null) {
            item.addModifier(new CodeableConcept(new Coding(Canonical.MODIFIER_SYSTEM, mod, null)));
        }
        if (revenue != null) {
            item.setRevenue(new CodeableConcept(new Coding(Canonical.REVENUE_SYSTEM, revenue, null)));
        }
        BigDecimal amount = new BigDecimal(net);
        item.setNet(new Money().setValue(amount).setCurrency("USD"));
        item.setQuantity(new Quantity(qty));
        if (professional) {
            item.addDiagnosisSequence(1);
            item.addDiagnosisSequence(seq + 1);
            item.setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, "11", null)));
        }
        item.setServiced(new DateType("2026-11-01"));
        return amount;
    }
}
