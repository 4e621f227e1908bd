package io.claimbridge.bench.coding;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.model.CodedEncounter;

/**
 * Claims validated per second on one thread: a 10-diagnosis / 20-line professional claim against
 * the shipped code sets, next to a baseline of plain HashMap lookups of the same 34 codes (the
 * floor any code-set engine pays), in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx300m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClaimEditorBenchmark {
    private ClaimEditor editor;
    private CodedEncounter claim;
    private Map<String, Boolean> baseline;
    private String[] codes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CodeSets sets = ConformanceLoader.load(BenchClaims.conformance(), null);
        editor = new ClaimEditor(sets);
        claim = BenchClaims.tenByTwenty();
        EditReport check = editor.validate(claim);
        // The workload must be a clean claim (only the "NCCI table not installed" warnings), or we
        // would be measuring message formatting.
        List<String> unexpected = check.ids().stream()
                .filter(id -> !id.equals("CB-PTP-000") && !id.equals("CB-MUE-000")).toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("benchmark claim is not clean: " + check.issues());
        }
        List<String> all = BenchClaims.codes();
        codes = all.toArray(String[]::new);
        baseline = new HashMap<>();
        // Same population size as ICD-10-CM so the map is not trivially cache-resident.
        for (int i = 0; i < 100_000; i++) {
            baseline.put("X" + i, Boolean.TRUE);
        }
        for (String c : all) {
            baseline.put(c, Boolean.TRUE);
        }
    }

    @Benchmark
    public EditReport validateClaim() {
        return editor.validate(claim);
    }

    @Benchmark
    public void hashMapBaseline(Blackhole bh) {
        for (String c : codes) {
            bh.consume(baseline.get(c));
        }
    }
}
