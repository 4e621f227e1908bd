package io.claimbridge.bench.coding;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;

/**
 * Prints cold load time and the heap the loaded code sets retain (used heap after full GC with
 * the sets reachable, minus the same before loading). Run with -Xmx300m to check the budget:
 * java -Xmx300m -cp target/benchmarks.jar io.claimbridge.bench.coding.LoadFootprint
 */
public final class LoadFootprint {
    private LoadFootprint() {
    }

    public static void main(String[] args) throws IOException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = mem.getHeapMemoryUsage().getUsed();
        long t0 = System.nanoTime();
        CodeSets sets = ConformanceLoader.load(BenchClaims.conformance(), null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        System.gc();
        long after = mem.getHeapMemoryUsage().getUsed();
        System.out.printf("cold load: %d ms%n", ms);
        System.out.printf("retained heap by code sets: %.1f MB (heap used %.1f MB, max %.0f MB)%n",
                (after - before) / 1048576.0, after / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        System.out.printf("ICD-10-CM codes %d, ICD-10-PCS codes %d, HCPCS %d%n",
                sets.icd10cm().size(), sets.icd10pcs().size(), sets.hcpcs().size());
        sets.notes().forEach(n -> System.out.println("  " + n));
    }
}
