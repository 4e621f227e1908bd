package io.claimbridge.coding;

import static io.claimbridge.coding.EditAssertions.assertFires;
import static io.claimbridge.coding.EditAssertions.assertNotFires;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.claimbridge.coding.attach.AttachResult;
import io.claimbridge.coding.attach.Chargemaster;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.coding.codeset.CodeNormalizer;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.model.Canonical;

class CodeAttacherTest {
    static final LocalDate DOS = LocalDate.of(2025, 11, 3);

    private static Chargemaster sample() throws IOException {
        return Chargemaster.read(Path.of("mappings/chargemaster.csv"));
    }

    @Test
    void normalisesCodesAndSystemAliases() {
        assertEquals("J189", CodeNormalizer.code(" j18.9 "));
        assertEquals("S93401A", CodeNormalizer.code("S93.401A"));
        assertEquals(Canonical.ICD10CM, CodeNormalizer.system("I10"));
        assertEquals(Canonical.ICD10CM, CodeNormalizer.system("i10c"));
        assertEquals(Canonical.ICD10CM, CodeNormalizer.system("ICD10"));
        assertEquals(CodeNormalizer.ICD9CM, CodeNormalizer.system("I9"));
        assertEquals(Canonical.ICD10PCS, CodeNormalizer.system("I10P"));
        assertEquals(Canonical.CPT, CodeNormalizer.system("C4"));
        assertEquals(Canonical.HCPCS, CodeNormalizer.system("HCPCS"));
        assertEquals(Canonical.ICD10CM, CodeNormalizer.system("2.16.840.1.113883.6.90"));
        assertEquals("urn:x", CodeNormalizer.system("urn:x"));
    }

    @Test
    void sequencesPrincipalThenAdmittingThenSecondaryAndRemapsPointers() throws IOException {
        ClaimFixture f = ClaimFixture.professional(DOS);
        f.dx("E11.9").dx("J18.9").dx("R05.9");
        Claim c = f.claim();
        // Sender order: secondary(1) E11.9, principal(2) J18.9, admitting(3) R05.9
        c.getDiagnosis().get(0).getTypeFirstRep().getCodingFirstRep().setCode("secondary");
        c.getDiagnosis().get(1).getTypeFirstRep().getCodingFirstRep().setCode("principal");
        c.getDiagnosis().get(2).getTypeFirstRep().getCodingFirstRep().setCode("admitting");
        c.getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().setSystem("I10").setCode("e11.9");
        f.line("99213", 1, "100.00").totalled();
        f.lastLine().setDiagnosisSequence(List.of(new PositiveIntType(1), new PositiveIntType(2), new PositiveIntType(9)));

        AttachResult r = new CodeAttacher(sample()).attach(f.build());
        Claim out = r.encounter().claim();
        assertNotSame(c, out);
        assertEquals(List.of("J189", "R059", "E119"), out.getDiagnosis().stream()
                .map(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).toList());
        assertEquals(Canonical.ICD10CM, out.getDiagnosis().get(2).getDiagnosisCodeableConcept().getCodingFirstRep().getSystem());
        assertEquals(List.of(1, 2, 3), out.getDiagnosis().stream().map(Claim.DiagnosisComponent::getSequence).toList());
        // old 1 (E11.9) -> 3, old 2 (J18.9) -> 1, old 9 dropped
        assertEquals(List.of(3, 1), out.getItemFirstRep().getDiagnosisSequence().stream().map(PositiveIntType::getValue).toList());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("missing diagnosis 9")), r.notes().toString());
        // input untouched
        assertEquals("e11.9", c.getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().getCode());
    }

    @Test
    void capsPointersAtFourAndDefaultsToPrincipal() throws IOException {
        ClaimFixture f = ClaimFixture.professional(DOS).dx("J18.9").dx("E11.9").dx("I10").dx("E78.5").dx("K21.9")
                .line("99213", 1, "100.00").line("85025", 1, "38.00").totalled();
        f.claim().getItem().get(0).setDiagnosisSequence(List.of(new PositiveIntType(1), new PositiveIntType(2),
                new PositiveIntType(3), new PositiveIntType(4), new PositiveIntType(5)));
        f.claim().getItem().get(1).getDiagnosisSequence().clear();
        Claim out = new CodeAttacher(sample()).attach(f.build()).encounter().claim();
        assertEquals(4, out.getItem().get(0).getDiagnosisSequence().size());
        assertEquals(List.of(1), out.getItem().get(1).getDiagnosisSequence().stream().map(PositiveIntType::getValue).toList());
    }

    @Test
    void fillsChargeCodeLinesFromTheChargemaster() throws IOException {
        ClaimFixture f = ClaimFixture.professional(DOS).dx("J18.9").line("99213", 1, "100.00");
        Claim.ItemComponent it = f.lastLine();
        it.setProductOrService(new CodeableConcept(new Coding(Canonical.CHARGE_CODE_SYSTEM, "WOUND-CARE", null)));
        it.setNet(null);
        it.setQuantity(new Quantity(2));
        AttachResult r = new CodeAttacher(sample()).attach(f.build());
        Claim.ItemComponent out = r.encounter().claim().getItemFirstRep();
        assertEquals(Canonical.CPT, out.getProductOrService().getCoding().get(0).getSystem());
        assertEquals("97597", out.getProductOrService().getCoding().get(0).getCode());
        assertEquals("WOUND-CARE", out.getProductOrService().getCoding().get(1).getCode());
        assertEquals("59", out.getModifierFirstRep().getCodingFirstRep().getCode());
        assertEquals("0420", out.getRevenue().getCodingFirstRep().getCode());
        assertEquals(0, new BigDecimal("190.00").compareTo(out.getNet().getValue()));

        ClaimFixture hcpcs = ClaimFixture.professional(DOS).dx("J18.9").line("99213", 1, "1.00");
        hcpcs.lastLine().setProductOrService(new CodeableConcept(new Coding(Canonical.CHARGE_CODE_SYSTEM, "flu-vac-adm", null)));
        assertEquals(Canonical.HCPCS, new CodeAttacher(sample()).attach(hcpcs.build()).encounter().claim()
                .getItemFirstRep().getProductOrService().getCodingFirstRep().getSystem());
    }

    @Test
    void unknownChargeCodeIsNotedAndEdited() throws IOException {
        ClaimFixture f = ClaimFixture.professional(DOS).dx("J18.9").line("99213", 1, "100.00").totalled();
        f.lastLine().setProductOrService(new CodeableConcept(new Coding(Canonical.CHARGE_CODE_SYSTEM, "NOPE", null)));
        AttachResult r = new CodeAttacher(sample()).attach(f.build());
        assertTrue(r.notes().get(0).contains("NOPE"));
        assertFires(new ClaimEditor(TestCodeSets.shipped()).validate(r.encounter()), "CB-LN-001",
                "Claim.item[0].productOrService.coding[0].code");
    }

    @Test
    void attachedSampleClaimPassesTheEditor() throws IOException {
        ClaimFixture f = ClaimFixture.professional(DOS).dx("J18.9").line("99213", 1, "145.00").totalled();
        f.lastLine().setProductOrService(new CodeableConcept(new Coding(Canonical.CHARGE_CODE_SYSTEM, "OV-EST-3", null)));
        var report = new ClaimEditor(TestCodeSets.shipped()).validate(new CodeAttacher(sample()).attach(f.build()).encounter());
        assertNotFires(report, "CB-LN-001");
        EditAssertions.assertClean(report);
    }

    @Test
    void chargemasterLoaderRejectsBadRows(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("cdm.csv");
        Files.writeString(csv, "charge_code,cpt_or_hcpcs,revenue_code,modifiers,unit_price,description\nX1,9921,0510,,1.00,bad\n");
        assertThrows(IOException.class, () -> Chargemaster.read(csv));
        Files.writeString(csv, "charge_code,cpt_or_hcpcs,revenue_code,modifiers,unit_price,description\nX1,99213,0510,25;GT,abc,bad\n");
        assertThrows(IOException.class, () -> Chargemaster.read(csv));
        Files.writeString(csv, "charge_code,cpt_or_hcpcs,revenue_code,modifiers,unit_price,description\nX1,99213,0510,25;GT,10,ok, with comma\n");
        assertEquals(List.of("25", "GT"), Chargemaster.read(csv).find("x1").modifiers());
        assertEquals(15, sample().size());
    }
}
