package io.claimbridge.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.HcpcsCodeSet;
import io.claimbridge.coding.codeset.IcdCodeSystem;
import io.claimbridge.coding.codeset.MceFlag;

/** Loads the real conformance/ tree and checks counts from the PROVENANCE files. Prints load time. */
class ConformanceLoadTest {

    @Test
    void loadsEveryShippedCodeSet() {
        long t0 = System.nanoTime();
        CodeSets sets = TestCodeSets.shipped();
        System.out.printf("conformance load (first in this JVM, may be cached): %d ms%n",
                TestCodeSets.loadMillis() >= 0 ? TestCodeSets.loadMillis() : (System.nanoTime() - t0) / 1_000_000);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap used after load: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        sets.notes().forEach(n -> System.out.println("  " + n));

        assertArrayEquals(new int[] {2025, 2026}, sets.icd10cm().years());
        assertArrayEquals(new int[] {2025, 2026}, sets.icd10pcs().years());
        assertEquals(IcdCodeSystem.Status.BILLABLE, sets.icd10cm().status("J189", 2026));
        assertEquals(IcdCodeSystem.Status.HEADER, sets.icd10cm().status("J18", 2026));
        assertEquals(IcdCodeSystem.Status.ABSENT, sets.icd10cm().status("B8801", 2025));
        assertEquals(IcdCodeSystem.Status.BILLABLE, sets.icd10cm().status("B8801", 2026));
        assertEquals(IcdCodeSystem.Status.BILLABLE, sets.icd10pcs().status("0016070", 2026));
        assertTrue(MceFlag.MANIFESTATION.in(sets.mceDiagnoses().flags("F0280", LocalDate.of(2025, 10, 1))));
        assertTrue(MceFlag.FEMALE.in(sets.mceDiagnoses().flags("O80", LocalDate.of(2024, 9, 30))));
        assertTrue(!MceFlag.FEMALE.in(sets.mceDiagnoses().flags("O80", LocalDate.of(2024, 10, 1))));
        assertTrue(sets.poaExempt().isExempt("B900", 2026));
        assertEquals(HcpcsCodeSet.Status.VALID, sets.hcpcs().status("G0008", LocalDate.of(2025, 10, 1)));
        assertEquals(HcpcsCodeSet.Status.TERMINATED, sets.hcpcs().status("C9088", LocalDate.of(2025, 10, 1)));
        assertEquals(HcpcsCodeSet.Status.NOT_YET_EFFECTIVE, sets.hcpcs().status("A2036", LocalDate.of(2025, 9, 30)));
        assertEquals(HcpcsCodeSet.Status.VALID, sets.modifiers().status("XE", LocalDate.of(2025, 10, 1)));
        assertTrue(sets.placesOfService().contains("11"));
        assertNull(sets.ptpPractitioner(), "no NCCI PTP table is shipped");
        assertNull(sets.muePractitioner(), "no MUE table is shipped");
    }
}
