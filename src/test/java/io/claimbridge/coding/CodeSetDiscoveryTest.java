package io.claimbridge.coding;

import static io.claimbridge.coding.EditAssertions.assertFires;
import static io.claimbridge.coding.EditAssertions.assertNotFires;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;
import io.claimbridge.coding.codeset.CptCheck;
import io.claimbridge.coding.codeset.FiscalYear;
import io.claimbridge.coding.codeset.XlsxSheetReader;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditIssue;
import io.claimbridge.coding.edit.EditReport;

/** Year discovery by file pattern, fallback warnings, the licensed CPT file and XLSX safety. */
class CodeSetDiscoveryTest {

    /** One order-file line in the official fixed-width layout. */
    private static String orderLine(int n, String code, int flag, String title) {
        return String.format("%05d %-7s %d %-60s %s\r\n", n, code, flag, title, title);
    }

    private static void orderFile(Path file, String... codes) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        sb.append(orderLine(1, "J18", 0, "Pneumonia, unspecified organism"));
        int n = 2;
        for (String c : codes) {
            sb.append(orderLine(n++, c, 1, "Test title"));
        }
        if (file.toString().endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
                o.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
        } else {
            Files.writeString(file, sb, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void fiscalYearStartsFirstOfOctober() {
        assertEquals(2026, FiscalYear.of(LocalDate.of(2025, 10, 1)));
        assertEquals(2025, FiscalYear.of(LocalDate.of(2025, 9, 30)));
        assertEquals(2027, FiscalYear.of(LocalDate.of(2026, 10, 1)));
    }

    @Test
    void droppedInFy2027FolderIsUsedAndLaterDatesFallBackWithAWarning(@TempDir Path conf) throws IOException {
        orderFile(conf.resolve("icd10cm/fy2026/icd10cm_order_2026.txt.gz"), "J189");
        orderFile(conf.resolve("icd10cm/fy2027/icd10cm_order_2027.txt"), "J189", "J1899");
        Files.writeString(conf.resolve("icd10cm/fy2027/icd10cm_order_addenda_2027.txt"), "Add:         1 J1899   Test\r\n");
        CodeSets sets = ConformanceLoader.load(conf, null);
        assertArrayEquals(new int[] {2026, 2027}, sets.icd10cm().years());
        ClaimEditor editor = new ClaimEditor(sets);

        EditReport fy27 = editor.validate(ClaimFixture.professional(LocalDate.of(2026, 10, 1)).dx("J18.99")
                .line("99213", 1, "100.00").totalled().build());
        assertNotFires(fy27, "CB-CS-001");
        assertNotFires(fy27, "CB-DX-001");
        assertNotFires(fy27, "CB-DX-003");

        EditReport fy26 = editor.validate(ClaimFixture.professional(LocalDate.of(2026, 9, 30)).dx("J18.99")
                .line("99213", 1, "100.00").totalled().build());
        assertFires(fy26, "CB-DX-003", "Claim.diagnosis[0].diagnosis.coding[0].code");

        EditReport fy28 = editor.validate(ClaimFixture.professional(LocalDate.of(2027, 10, 1)).dx("J18.9")
                .line("99213", 1, "100.00").totalled().build());
        EditIssue warn = assertFires(fy28, "CB-CS-001", null);
        assertEquals("ICD-10-CM FY2027", warn.codeSetVersion());
        assertTrue(warn.message().contains("FY2028"), warn.message());

        // Judged against an older release, an unknown code may be new: warning, not error.
        EditReport unknown = editor.validate(ClaimFixture.professional(LocalDate.of(2027, 10, 1)).dx("J18.98")
                .line("99213", 1, "100.00").totalled().build());
        assertEquals(io.claimbridge.coding.edit.Severity.WARNING,
                assertFires(unknown, "CB-DX-001", "Claim.diagnosis[0].diagnosis.coding[0].code").severity());
        EditReport current = editor.validate(ClaimFixture.professional(LocalDate.of(2026, 10, 1)).dx("J18.98")
                .line("99213", 1, "100.00").totalled().build());
        assertEquals(io.claimbridge.coding.edit.Severity.ERROR,
                assertFires(current, "CB-DX-001", "Claim.diagnosis[0].diagnosis.coding[0].code").severity());
    }

    @Test
    void shippedMceWarnsBeyondFy2026() {
        EditReport r = new ClaimEditor(TestCodeSets.shipped()).validate(ClaimFixture.professional(LocalDate.of(2026, 10, 2))
                .dx("J18.9").line("99213", 1, "100.00").totalled().build());
        List<String> versions = new ArrayList<>();
        r.withId("CB-CS-001").forEach(i -> versions.add(i.codeSetVersion()));
        assertTrue(versions.contains("ICD-10-CM FY2026"), versions.toString());
        assertTrue(versions.contains("CMS MCE v43.1"), versions.toString());
    }

    @Test
    void emptyConformanceReportsEverythingUnchecked(@TempDir Path conf) throws IOException {
        CodeSets sets = ConformanceLoader.load(conf, null);
        EditReport r = new ClaimEditor(sets).validate(ClaimFixture.professional(LocalDate.of(2025, 11, 3)).dx("J18.9")
                .line("99213", 1, "100.00").totalled().build());
        assertFires(r, "CB-CS-001", null);
        assertFires(r, "CB-PTP-000", null);
        assertFires(r, "CB-MUE-000", null);
    }

    @Test
    void licensedCptFileAddsExistenceCheck(@TempDir Path tmp) throws IOException {
        Path cpt = tmp.resolve("cpt-licensed.txt");
        // Our own stand-in file: codes with placeholder text, no AMA descriptors.
        Files.writeString(cpt, "99213\tplaceholder\n\"99214\",\"placeholder\"\n# comment\n");
        CptCheck check = CptCheck.readLicensed(cpt);
        assertTrue(check.exists("99213"));
        assertTrue(check.exists("99214"));
        assertFalse(check.exists("99215"));
        assertTrue(CptCheck.formatOnly().exists("99215"));

        CodeSets sets = ConformanceLoader.load(tmp.resolve("empty"), cpt);
        EditReport r = new ClaimEditor(sets).validate(ClaimFixture.professional(LocalDate.of(2025, 11, 3)).dx("J18.9")
                .line("99213", 1, "100.00").line("99215", 1, "200.00").totalled().build());
        assertFires(r, "CB-CPT-002", "Claim.item[1].productOrService.coding[0].code");
        assertEquals(1, r.withId("CB-CPT-002").size());
    }

    @Test
    void xlsxReaderRefusesExternalEntities(@TempDir Path tmp) throws IOException {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Path xlsx = tmp.resolve("evil.xlsx");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(xlsx))) {
            put(z, "xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            put(z, "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            put(z, "xl/sharedStrings.xml", "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \""
                    + secret.toUri() + "\">]><sst><si><t>&xxe;</t></si></sst>");
            put(z, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                    + "</sheetData></worksheet>");
        }
        List<String> cells = new ArrayList<>();
        try {
            XlsxSheetReader.readFirstSheet(xlsx, row -> cells.addAll(List.of(row)));
        } catch (IOException refused) {
            return; // refusing the document is fine
        }
        assertFalse(cells.toString().contains("TOP-SECRET"), cells.toString());
    }

    @Test
    void xlsxReaderReadsCellsByColumn(@TempDir Path tmp) throws IOException {
        Path xlsx = tmp.resolve("ok.xlsx");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(xlsx))) {
            put(z, "xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            put(z, "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            put(z, "xl/sharedStrings.xml", "<sst><si><t xml:space=\"preserve\">   A1</t></si><si><r><t>Sy&amp;</t></r><r><t>ringe</t></r></si></sst>");
            put(z, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                    + "<c r=\"C1\" t=\"s\"><v>1</v></c><c r=\"D1\"><v>20250101</v></c><c r=\"E1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
                    + "</sheetData></worksheet>");
        }
        List<List<String>> rows = new ArrayList<>();
        XlsxSheetReader.readFirstSheet(xlsx, row -> rows.add(List.of(row)));
        assertEquals(List.of(List.of("   A1", "", "Sy&ringe", "20250101", "x")), rows);
        assertThrows(IOException.class, () -> XlsxSheetReader.readFirstSheet(tmp.resolve("missing.xlsx"), row -> { }));
    }

    private static void put(ZipOutputStream z, String name, String body) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(body.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
