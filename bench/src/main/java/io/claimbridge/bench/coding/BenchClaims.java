package io.claimbridge.bench.coding;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;

/** The benchmark's workload: a professional claim with 10 diagnoses and 20 lines (synthetic, no PHI). */
final class BenchClaims {
    static final String[] DX = {"E11.9", "I10", "E78.5", "J45.909", "K21.9", "M54.50", "F41.9", "G47.33", "N39.0",
        "Z79.4"};
    static final String[] LINES = {"99214", "85025", "80048", "36415", "71046", "93000", "G0008", "90686", "J3420",
        "A4206", "81003", "83036", "80061", "84443", "82043", "96372", "J1100", "97110", "97140", "G2211"};
    static final String[][] MODS = {{"25"}, {}, {}, {}, {"26"}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {"GP"},
        {"GP", "59"}, {}};

    private BenchClaims() {
    }

    static CodedEncounter tenByTwenty() {
        LocalDate dos = LocalDate.of(2025, 11, 3);
        Patient p = new Patient();
        p.setId("urn:uuid:bench-patient");
        p.setGender(AdministrativeGender.FEMALE);
        p.setBirthDateElement(new DateType("1968-04-12"));
        Encounter e = new Encounter();
        e.setId("urn:uuid:bench-encounter");
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        e.setPeriod(new Period().setStartElement(new DateTimeType(dos.toString())).setEndElement(new DateTimeType(dos.toString())));
        Practitioner pr = new Practitioner();
        pr.setId("urn:uuid:bench-practitioner");
        pr.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue("1234567893");
        Organization org = new Organization();
        org.setId("urn:uuid:bench-org");
        org.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue("1245319599");
        Claim c = new Claim();
        c.setId("urn:uuid:bench-claim");
        c.setType(new CodeableConcept(new Coding(Canonical.CLAIM_TYPE, "professional", null)));
        c.setBillablePeriod(new Period().setStartElement(new DateTimeType(dos.toString())).setEndElement(new DateTimeType(dos.toString())));
        for (int i = 0; i < DX.length; i++) {
            Claim.DiagnosisComponent d = c.addDiagnosis().setSequence(i + 1);
            d.setDiagnosis(new CodeableConcept(new Coding(Canonical.ICD10CM, DX[i], null)));
            d.addType(new CodeableConcept(new Coding(Canonical.DIAGNOSIS_TYPE, i == 0 ? "principal" : "secondary", null)));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < LINES.length; i++) {
            Claim.ItemComponent it = c.addItem().setSequence(i + 1);
            String code = LINES[i];
            it.setProductOrService(new CodeableConcept(new Coding(
                    Character.isLetter(code.charAt(0)) ? Canonical.HCPCS : Canonical.CPT, code, null)));
            for (String m : MODS[i]) {
                it.addModifier(new CodeableConcept(new Coding(Canonical.MODIFIER_SYSTEM, m, null)));
            }
            it.setQuantity(new Quantity(1));
            BigDecimal charge = new BigDecimal(20 + i * 5).setScale(2);
            it.setNet(new Money().setValue(charge).setCurrency("USD"));
            total = total.add(charge);
            it.setServiced(new DateType(dos.toString()));
            it.addDiagnosisSequence(1 + i % 10);
            if (i % 3 == 0) {
                it.addDiagnosisSequence(1 + (i + 3) % 10);
            }
            it.setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, "11", null)));
        }
        c.setTotal(new Money().setValue(total).setCurrency("USD"));
        return new CodedEncounter(p, e, List.of(), List.of(org), List.of(pr), List.of(), List.of(), c);
    }

    /** Every code the claim carries, normalised, for the HashMap baseline. */
    static List<String> codes() {
        List<String> all = new ArrayList<>();
        for (String d : DX) {
            all.add(d.replace(".", ""));
        }
        all.addAll(List.of(LINES));
        for (String[] ms : MODS) {
            all.addAll(List.of(ms));
        }
        return all;
    }

    /** conformance/ from -Dclaimbridge.conformance, else ./conformance or ../conformance. */
    static Path conformance() throws IOException {
        String prop = System.getProperty("claimbridge.conformance");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p : new Path[] {Path.of("conformance"), Path.of("../conformance")}) {
            if (Files.isDirectory(p.resolve("icd10cm"))) {
                return p;
            }
        }
        throw new IOException("conformance/ not found; run from the repo or bench/ or pass -Dclaimbridge.conformance=");
    }
}
