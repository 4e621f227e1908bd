package io.claimbridge.coding;

import static io.claimbridge.coding.EditAssertions.assertClean;
import static io.claimbridge.coding.EditAssertions.assertFires;
import static io.claimbridge.coding.EditAssertions.assertNotFires;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditIssue;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.coding.edit.Severity;

/** ICD-10-CM, MCE and POA edits with real codes from the shipped FY2025/FY2026 files. */
class DiagnosisEditsTest {
    static final LocalDate FY26 = LocalDate.of(2025, 11, 3);
    static final String DX0 = "Claim.diagnosis[0].diagnosis.coding[0].code";
    static final String DX1 = "Claim.diagnosis[1].diagnosis.coding[0].code";

    private final ClaimEditor editor = new ClaimEditor(TestCodeSets.shipped());

    private EditReport run(ClaimFixture f) {
        return editor.validate(f.build());
    }

    private ClaimFixture office(LocalDate dos) {
        return ClaimFixture.professional(dos);
    }

    @Test
    void billableCodeIsClean() {
        assertClean(run(office(FY26).dx("J18.9").line("99213", 1, "100.00").totalled()));
    }

    @Test
    void headerCodeIsAnError() {
        EditReport r = run(office(FY26).dx("J18").line("99213", 1, "100.00").totalled());
        EditIssue i = assertFires(r, "CB-DX-002", DX0);
        assertEquals(Severity.ERROR, i.severity());
        assertEquals("ICD-10-CM FY2026", i.codeSetVersion());
    }

    @Test
    void unknownCodeIsInvalid() {
        assertFires(run(office(FY26).dx("J18.99").line("99213", 1, "100.00").totalled()), "CB-DX-001", DX0);
    }

    @Test
    void a000IsValidInBothYears() {
        assertClean(run(office(LocalDate.of(2025, 9, 30)).dx("A00.0").line("99213", 1, "100.00").totalled()));
        assertClean(run(office(LocalDate.of(2025, 10, 1)).dx("A00.0").line("99213", 1, "100.00").totalled()));
    }

    /** B88.01 (Demodex infestation) is an "Add" in icd10cm_order_addenda_2026.txt: valid from 2025-10-01. */
    @Test
    void fy2026AdditionIsNotValidTheDayBefore() {
        EditReport before = run(office(LocalDate.of(2025, 9, 30)).dx("B88.01").line("99213", 1, "100.00").totalled());
        EditIssue i = assertFires(before, "CB-DX-003", DX0);
        assertEquals("ICD-10-CM FY2025", i.codeSetVersion());
        assertTrue(i.message().contains("FY2026"), i.message());
        assertClean(run(office(LocalDate.of(2025, 10, 1)).dx("B88.01").line("99213", 1, "100.00").totalled()));
    }

    /** B88.0 became a header in FY2026 (addenda: Delete flag 1, Add flag 0). */
    @Test
    void codeThatBecameHeaderInFy2026() {
        assertClean(run(office(LocalDate.of(2025, 9, 30)).dx("B88.0").line("99213", 1, "100.00").totalled()));
        assertFires(run(office(LocalDate.of(2025, 10, 1)).dx("B88.0").line("99213", 1, "100.00").totalled()),
                "CB-DX-002", DX0);
    }

    /**
     * MCE v43.1 flags O80 maternity|female until 2024-09-30 and only maternity from 2024-10-01: CMS
     * removed the sex-conflict edit from the MCE for FY2025. FY2024 ICD-10-CM is not shipped, so the
     * FY2024 date also warns that FY2025 was used for code validity.
     */
    @Test
    void sexConflictOnlyWhileMceHadSexEdits() {
        EditReport fy24 = run(office(LocalDate.of(2024, 9, 30)).male().dx("O80").line("99213", 1, "100.00").totalled());
        EditIssue sex = assertFires(fy24, "CB-DX-004", DX0);
        assertEquals("CMS MCE v43.1", sex.codeSetVersion());
        assertFires(fy24, "CB-CS-001", null);

        EditReport fy25 = run(office(LocalDate.of(2024, 10, 1)).male().dx("O80").line("99213", 1, "100.00").totalled());
        assertNotFires(fy25, "CB-DX-004");
        assertNotFires(run(office(LocalDate.of(2024, 9, 30)).dx("O80").line("99213", 1, "100.00").totalled()), "CB-DX-004");
    }

    @Test
    void newbornCodeOnAdultIsAgeConflict() {
        EditReport r = run(office(FY26).ageYears(40).dx("Z38.00").line("99213", 1, "100.00").totalled());
        EditIssue i = assertFires(r, "CB-DX-005", DX0);
        assertTrue(i.message().contains("newborn"), i.message());
        EditIssue old = assertFires(run(office(FY26).ageYears(95).dx("Z38.00").line("99213", 1, "100.00").totalled()),
                "CB-DX-005", DX0);
        assertTrue(old.message().contains("over 89") && !old.message().contains("95"), old.message());
        assertNotFires(run(office(FY26).newborn().dx("Z38.00").line("99213", 1, "100.00").totalled()), "CB-DX-005");
    }

    @Test
    void maternityAgeRangeIs9To64() {
        assertFires(run(office(FY26).ageYears(65).dx("O80").line("99213", 1, "100.00").totalled()), "CB-DX-005", DX0);
        assertNotFires(run(office(FY26).ageYears(64).dx("O80").line("99213", 1, "100.00").totalled()), "CB-DX-005");
    }

    @Test
    void manifestationAsPrincipal() {
        assertFires(run(office(FY26).ageYears(80).dx("F02.80").line("99213", 1, "100.00").totalled()), "CB-DX-006", DX0);
        EditReport secondary = run(office(FY26).ageYears(80).dx("G30.9").dx("F02.80").line("99213", 1, "100.00").totalled());
        assertNotFires(secondary, "CB-DX-006");
    }

    @Test
    void externalCauseAsPrincipal() {
        assertFires(run(office(FY26).dx("V00.01XA").line("99213", 1, "100.00").totalled()), "CB-DX-008", DX0);
        assertNotFires(run(office(FY26).dx("S93.401A").dx("V00.01XA").line("99213", 1, "100.00").totalled()), "CB-DX-008");
    }

    /** Z23 is an MCE "unacceptable principal diagnosis" for inpatients, yet fine first-listed in an office. */
    @Test
    void unacceptablePrincipalOnlyForInpatient() {
        EditReport ip = run(ClaimFixture.inpatient(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 3))
                .dx("Z23", "Y").line("99213", 1, "100.00").totalled());
        assertFires(ip, "CB-DX-007", DX0);
        assertClean(run(office(FY26).dx("Z23").line("90471", 1, "25.00").totalled()));
    }

    @Test
    void duplicateOfPrincipal() {
        EditReport r = run(office(FY26).dx("J18.9").dx("J18.9").line("99213", 1, "100.00").totalled());
        assertEquals(Severity.WARNING, assertFires(r, "CB-DX-009", DX1).severity());
        assertNotFires(run(office(FY26).dx("J18.9").dx("E11.9").line("99213", 1, "100.00").totalled()), "CB-DX-009");
    }

    @Test
    void twelveDiagnosesForProfessionalTwentyFiveForInstitutional() {
        String[] codes = {"J18.9", "E11.9", "I10", "E78.5", "K21.9", "M54.50", "F41.9", "G47.33", "N39.0", "R05.9",
            "J45.909", "E66.9", "Z79.4"};
        ClaimFixture pro = office(FY26);
        for (String c : codes) {
            pro.dx(c);
        }
        assertFires(run(pro.line("99213", 1, "100.00").totalled()), "CB-DX-010", "Claim.diagnosis[12]");
        ClaimFixture twelve = office(FY26);
        for (int i = 0; i < 12; i++) {
            twelve.dx(codes[i]);
        }
        assertNotFires(run(twelve.line("99213", 1, "100.00").totalled()), "CB-DX-010");
        ClaimFixture inst = ClaimFixture.inpatient(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 3));
        for (String c : codes) {
            inst.dx(c, "Y");
        }
        assertNotFires(run(inst.line("99213", 1, "100.00").totalled()), "CB-DX-010");
    }

    @Test
    void poaRequiredOnInpatientForNonExemptCodes() {
        LocalDate admit = LocalDate.of(2025, 11, 1);
        LocalDate discharge = LocalDate.of(2025, 11, 3);
        EditReport missing = run(ClaimFixture.inpatient(admit, discharge).dx("J18.9").dx("Z79.4")
                .line("99213", 1, "100.00").totalled());
        assertFires(missing, "CB-POA-001", "Claim.diagnosis[0].onAdmission");
        assertEquals(1, missing.withId("CB-POA-001").size(), "Z79.4 is POA-exempt in FY2026");
        assertEquals("ICD-10-CM POA exempt FY2026", missing.withId("CB-POA-001").get(0).codeSetVersion());

        assertFires(run(ClaimFixture.inpatient(admit, discharge).dx("J18.9", "X").line("99213", 1, "100.00").totalled()),
                "CB-POA-002", "Claim.diagnosis[0].onAdmission");
        assertFires(run(ClaimFixture.inpatient(admit, discharge).dx("J18.9", "1").line("99213", 1, "100.00").totalled()),
                "CB-POA-002", "Claim.diagnosis[0].onAdmission");
        assertClean(run(ClaimFixture.inpatient(admit, discharge).dx("J18.9", "Y").dx("E11.9", "W")
                .line("99213", 1, "100.00").totalled()));
        // Outpatient claims carry no POA.
        assertNotFires(run(office(FY26).dx("J18.9").line("99213", 1, "100.00").totalled()), "CB-POA-001");
    }

    @Test
    void inpatientCodesAreJudgedByDischargeDate() {
        // Admitted FY2025, discharged FY2026: B88.01 (FY2026 addition) is valid.
        EditReport r = run(ClaimFixture.inpatient(LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 2))
                .dx("B88.01", "Y").line("99213", 1, "100.00", LocalDate.of(2025, 9, 28)).totalled());
        assertNotFires(r, "CB-DX-003");
    }

    @Test
    void icd9IsRejected() {
        ClaimFixture f = office(FY26).dx("J18.9").line("99213", 1, "100.00").totalled();
        f.claim().getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().setSystem("I9").setCode("486");
        assertFires(run(f), "CB-DX-012", DX0);
    }

    @Test
    void dottedLowerCaseAndAliasSystemsAreNormalised() {
        ClaimFixture f = office(FY26).dx("J18.9").line("99213", 1, "100.00").totalled();
        f.claim().getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().setSystem("I10").setCode(" j18.9 ");
        assertClean(run(f));
    }
}
