package io.claimbridge.coding;

import static io.claimbridge.coding.EditAssertions.assertFires;
import static io.claimbridge.coding.EditAssertions.assertNotFires;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.coding.ncci.NcciFiles;

/** NCCI PTP and MUE edits against the hand-written excerpts in src/test/resources/ncci. */
class NcciEditsTest {
    static final LocalDate DOS = LocalDate.of(2025, 11, 3);
    private static ClaimEditor editor;
    private static NcciFiles.Tables tables;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path dir = Path.of(NcciEditsTest.class.getResource("/ncci/README.md").toURI()).getParent();
        tables = NcciFiles.load(dir);
        CodeSets sets = TestCodeSets.shipped().withNcci(tables.ptpPractitioner(), tables.ptpHospital(),
                tables.muePractitioner(), tables.mueHospital());
        editor = new ClaimEditor(sets);
    }

    private EditReport run(ClaimFixture f) {
        return editor.validate(f.build());
    }

    private ClaimFixture office() {
        return ClaimFixture.professional(DOS).dx("L97.412");
    }

    @Test
    void loadsTheCmsLayouts() {
        assertNotNull(tables.ptpPractitioner());
        assertEquals(4, tables.ptpPractitioner().size());
        assertEquals("NCCI PTP practitioner 2026q1", tables.ptpPractitioner().version());
        assertEquals(4, tables.muePractitioner().size());
        assertEquals(2, tables.muePractitioner().find("99213").adjudicationIndicator());
        assertNull(tables.ptpHospital());
    }

    @Test
    void ptpModifierIndicator1NeedsAnNcciModifier() {
        EditReport r = run(office().line("11042", 1, "310.00").line("97597", 1, "95.00").totalled());
        assertFires(r, "CB-PTP-001", "Claim.item[1].productOrService");
        assertNotFires(r, "CB-PTP-000");
        assertNotFires(run(office().line("11042", 1, "310.00").line("97597", 1, "95.00", "59").totalled()), "CB-PTP-001");
        assertNotFires(run(office().line("11042", 1, "310.00").line("97597", 1, "95.00", "XS").totalled()), "CB-PTP-001");
        // 25 is NCCI-associated too, but a non-bypass modifier such as 76 is not.
        assertFires(run(office().line("11042", 1, "310.00").line("97597", 1, "95.00", "76").totalled()),
                "CB-PTP-001", "Claim.item[1].productOrService");
        // Column order on the claim does not matter.
        assertFires(run(office().line("97597", 1, "95.00").line("11042", 1, "310.00").totalled()),
                "CB-PTP-001", "Claim.item[0].productOrService");
    }

    @Test
    void ptpOnlySameDate() {
        assertNotFires(run(office().line("11042", 1, "310.00").line("97597", 1, "95.00", DOS.minusDays(1)).totalled()),
                "CB-PTP-001");
    }

    @Test
    void ptpModifierIndicator0CannotBeBypassed() {
        assertFires(run(office().line("80048", 1, "42.00").line("82947", 1, "10.00", "59").totalled()),
                "CB-PTP-001", "Claim.item[1].productOrService");
    }

    @Test
    void ptpDeletedOrIndicator9PairsDoNotFire() {
        assertNotFires(run(office().line("99213", 1, "100.00").line("36415", 1, "12.00").totalled()), "CB-PTP-001");
        assertNotFires(run(office().line("20610", 1, "100.00").line("20604", 1, "90.00").totalled()), "CB-PTP-001");
    }

    @Test
    void mueLineEdit() {
        assertFires(run(office().line("97597", 2, "190.00").totalled()), "CB-MUE-001", "Claim.item[0].quantity");
        // MAI 1 judges each line alone: two lines of 1 pass.
        assertNotFires(run(office().line("97597", 1, "95.00").line("97597", 1, "95.00", "59").totalled()), "CB-MUE-001");
    }

    @Test
    void mueDateOfServiceEdits() {
        EditReport policy = run(office().line("99213", 1, "100.00").line("99213", 1, "100.00", "25").totalled());
        assertFires(policy, "CB-MUE-002", "Claim.item[0].quantity");
        assertEquals(1, policy.withId("CB-MUE-002").size());
        assertNotFires(run(office().line("99213", 1, "100.00").line("99213", 1, "100.00", DOS.minusDays(1)).totalled()),
                "CB-MUE-002");
        assertFires(run(office().line("36415", 2, "24.00").line("36415", 1, "12.00", "91").totalled()),
                "CB-MUE-003", "Claim.item[0].quantity");
        assertNotFires(run(office().line("36415", 2, "24.00").totalled()), "CB-MUE-003");
    }

    @Test
    void institutionalClaimWithoutHospitalTablesReportsInactive() {
        EditReport r = run(ClaimFixture.inpatient(DOS.minusDays(1), DOS).dx("L97.412", "Y")
                .line("11042", 1, "310.00").line("97597", 1, "95.00").totalled());
        assertFires(r, "CB-PTP-000", null);
        assertFires(r, "CB-MUE-000", null);
        assertNotFires(r, "CB-PTP-001");
    }
}
