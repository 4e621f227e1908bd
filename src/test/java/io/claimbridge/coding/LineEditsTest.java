package io.claimbridge.coding;

import static io.claimbridge.coding.EditAssertions.assertClean;
import static io.claimbridge.coding.EditAssertions.assertFires;
import static io.claimbridge.coding.EditAssertions.assertNotFires;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.model.Canonical;

/** HCPCS/CPT/PCS codes, modifiers, pointers, units, charges, dates, POS, totals and NPIs. */
class LineEditsTest {
    static final LocalDate FY26 = LocalDate.of(2025, 11, 3);
    static final String ITEM0 = "Claim.item[0].productOrService.coding[0].code";

    private final ClaimEditor editor = new ClaimEditor(TestCodeSets.shipped());

    private EditReport run(ClaimFixture f) {
        return editor.validate(f.build());
    }

    private ClaimFixture office() {
        return ClaimFixture.professional(FY26).dx("J18.9");
    }

    @Test
    void hcpcsValidTerminatedAndNotYetEffective() {
        assertClean(run(office().line("G0008", 1, "30.00").totalled()));
        // C9088 TERM DT 2025-09-30 in the October 2025 release.
        assertFires(run(office().line("C9088", 1, "30.00").totalled()), "CB-HC-002", ITEM0);
        // A2036 ADD DT 2025-10-01.
        LocalDate sep30 = LocalDate.of(2025, 9, 30);
        assertFires(run(ClaimFixture.professional(sep30).dx("J18.9").line("A2036", 1, "30.00").totalled()),
                "CB-HC-003", ITEM0);
        assertNotFires(run(office().line("A2036", 1, "30.00").totalled()), "CB-HC-003");
        assertFires(run(office().line("Z9999", 1, "30.00").totalled()), "CB-HC-001", ITEM0);
        assertEquals(io.claimbridge.coding.edit.Severity.ERROR,
                assertFires(run(office().line("Z9999", 1, "30.00").totalled()), "CB-HC-001", ITEM0).severity());
        // After the October 2025 quarter an unknown code may be a January addition: warning only.
        LocalDate feb = LocalDate.of(2026, 2, 2);
        assertEquals(io.claimbridge.coding.edit.Severity.WARNING, assertFires(run(ClaimFixture.professional(feb)
                .dx("J18.9").line("Z9999", 1, "30.00").totalled()), "CB-HC-001", ITEM0).severity());
    }

    @Test
    void cptByFormatOnly() {
        assertClean(run(office().line("99213", 1, "100.00").line("0591T", 1, "10.00").line("3074F", 1, "0.01").totalled()));
        assertFires(run(office().line("9921A", 1, "100.00").totalled()), "CB-CPT-001", ITEM0);
        assertFires(run(office().line("992130", 1, "100.00").totalled()), "CB-CPT-001", ITEM0);
    }

    @Test
    void modifiers() {
        assertClean(run(office().line("99213", 1, "100.00", "25").line("G0008", 1, "30.00", "XE").totalled()));
        assertFires(run(office().line("99213", 1, "100.00", "ZZ").totalled()), "CB-MOD-001", "Claim.item[0].modifier[0]");
        // JG: Level II modifier with TERM DT 2024-12-31 in the HCPCS file.
        assertFires(run(office().line("J3420", 1, "15.00", "LT", "JG").totalled()), "CB-MOD-001", "Claim.item[0].modifier[1]");
        assertFires(run(office().line("99213", 1, "100.00", "25", "59", "LT", "RT", "XE").totalled()),
                "CB-MOD-002", "Claim.item[0].modifier[4]");
    }

    @Test
    void diagnosisPointers() {
        ClaimFixture missing = office().line("99213", 1, "100.00").totalled();
        missing.lastLine().getDiagnosisSequence().clear();
        assertFires(run(missing), "CB-PTR-001", "Claim.item[0].diagnosisSequence");

        ClaimFixture outOfRange = office().line("99213", 1, "100.00").totalled();
        outOfRange.lastLine().addDiagnosisSequence(3);
        assertFires(run(outOfRange), "CB-PTR-002", "Claim.item[0].diagnosisSequence[1]");

        ClaimFixture five = ClaimFixture.professional(FY26).dx("J18.9").dx("E11.9").dx("I10").dx("E78.5").dx("K21.9")
                .line("99213", 1, "100.00").totalled();
        for (int p = 2; p <= 5; p++) {
            five.lastLine().addDiagnosisSequence(p);
        }
        assertFires(run(five), "CB-PTR-003", "Claim.item[0].diagnosisSequence[4]");
        five.lastLine().getDiagnosisSequence().remove(4);
        assertNotFires(run(five), "CB-PTR-003");

        // Institutional lines carry no pointers.
        ClaimFixture inst = ClaimFixture.inpatient(FY26.minusDays(2), FY26).dx("J18.9", "Y").line("99213", 1, "100.00").totalled();
        assertNotFires(run(inst), "CB-PTR-001");
    }

    @Test
    void duplicateLines() {
        assertEquals(1, run(office().line("85025", 1, "38.00").line("85025", 1, "38.00").totalled()).withId("CB-LN-002").size());
        assertNotFires(run(office().line("85025", 1, "38.00").line("85025", 1, "38.00", "91").totalled()), "CB-LN-002");
    }

    @Test
    void unitsAndCharges() {
        assertFires(run(office().line("99213", 0, "100.00").totalled()), "CB-LN-003", "Claim.item[0].quantity");
        ClaimFixture noQty = office().line("99213", 1, "100.00").totalled();
        noQty.lastLine().setQuantity((Quantity) null);
        assertFires(run(noQty), "CB-LN-003", "Claim.item[0].quantity");
        assertFires(run(office().line("99213", 1, "0.00").totalled()), "CB-LN-004", "Claim.item[0].net");
        assertFires(run(office().line("99213", 1, "-5.00").totalled()), "CB-LN-004", "Claim.item[0].net");
    }

    @Test
    void claimTotal() {
        ClaimFixture f = office().line("99213", 1, "100.00").line("85025", 1, "38.00").totalled();
        assertNotFires(run(f), "CB-CLM-001");
        f.claim().setTotal(new Money().setValue(new BigDecimal("130.00")));
        assertFires(run(f), "CB-CLM-001", "Claim.total");
        f.claim().setTotal(new Money().setValue(new BigDecimal("138.0")));
        assertNotFires(run(f), "CB-CLM-001");
    }

    @Test
    void serviceDateOutsideEncounter() {
        assertFires(run(office().line("99213", 1, "100.00", FY26.plusDays(1)).totalled()), "CB-LN-005", "Claim.item[0].serviced");
        ClaimFixture ip = ClaimFixture.inpatient(FY26.minusDays(3), FY26).dx("J18.9", "Y")
                .line("85025", 1, "38.00", FY26.minusDays(2)).line("85025", 1, "38.00", FY26.minusDays(4)).totalled();
        EditReport r = run(ip);
        assertFires(r, "CB-LN-005", "Claim.item[1].serviced");
        assertEquals(1, r.withId("CB-LN-005").size());
    }

    @Test
    void placeOfService() {
        ClaimFixture f = office().line("99213", 1, "100.00").totalled();
        f.lastLine().setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, "00", null)));
        assertFires(run(f), "CB-LN-006", "Claim.item[0].location");
        f.lastLine().setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, "22", null)));
        assertNotFires(run(f), "CB-LN-006");
    }

    @Test
    void icd10PcsProcedures() {
        ClaimFixture ip = ClaimFixture.inpatient(FY26.minusDays(2), FY26).dx("J18.9", "Y").pcs("0016070")
                .line("99213", 1, "100.00").totalled();
        assertNotFires(run(ip), "CB-PX-001");
        ClaimFixture bad = ClaimFixture.inpatient(FY26.minusDays(2), FY26).dx("J18.9", "Y").pcs("001")
                .line("99213", 1, "100.00").totalled();
        assertFires(run(bad), "CB-PX-001", "Claim.procedure[0].procedure.coding[0].code");
        // 00H033J is an "Add" in icd10pcs_order_addenda_2026.txt.
        ClaimFixture early = ClaimFixture.inpatient(LocalDate.of(2025, 9, 20), LocalDate.of(2025, 9, 28))
                .dx("J18.9", "Y").pcs("00H033J").line("99213", 1, "100.00", LocalDate.of(2025, 9, 20)).totalled();
        assertFires(run(early), "CB-PX-002", "Claim.procedure[0].procedure.coding[0].code");
    }

    /** 04LE0CV (occlusion of prostatic artery) is MCE "male" until 2024-09-30; the edit ended with FY2024. */
    @Test
    void procedureSexConflictWhileMceHadIt() {
        LocalDate fy24 = LocalDate.of(2024, 9, 30);
        EditReport r = run(ClaimFixture.inpatient(fy24.minusDays(2), fy24).dx("N40.0", "Y").pcs("04LE0CV")
                .line("99213", 1, "100.00", fy24.minusDays(2)).totalled());
        assertEquals("CMS MCE v43.1", assertFires(r, "CB-PX-003", "Claim.procedure[0].procedure.coding[0].code").codeSetVersion());
        LocalDate fy25 = LocalDate.of(2024, 10, 1);
        assertNotFires(run(ClaimFixture.inpatient(fy25.minusDays(2), fy25).dx("N40.0", "Y").pcs("04LE0CV")
                .line("99213", 1, "100.00", fy25.minusDays(2)).totalled()), "CB-PX-003");
    }

    @Test
    void uncodedChargeLine() {
        ClaimFixture f = office().line("99213", 1, "100.00").totalled();
        f.lastLine().setProductOrService(new CodeableConcept(new Coding(Canonical.CHARGE_CODE_SYSTEM, "NOT-IN-CDM", null)));
        assertFires(run(f), "CB-LN-001", ITEM0);
    }

    @Test
    void npiCheckDigit() {
        assertNotFires(run(office().line("99213", 1, "100.00").totalled().practitionerNpi("1234567893")), "CB-NPI-001");
        assertFires(run(office().line("99213", 1, "100.00").totalled().practitionerNpi("1234567890")),
                "CB-NPI-001", "Practitioner.identifier[0].value");
        assertFires(run(office().line("99213", 1, "100.00").totalled().organizationNpi("123456789")),
                "CB-NPI-001", "Organization.identifier[0].value");
    }

    @Test
    void shippedConformanceHasNoNcciTablesAndSaysSo() {
        EditReport r = run(office().line("99213", 1, "100.00").totalled());
        assertEquals(1, r.withId("CB-PTP-000").size());
        assertEquals(1, r.withId("CB-MUE-000").size());
    }
}
