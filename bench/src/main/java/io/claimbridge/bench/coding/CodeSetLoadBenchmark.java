package io.claimbridge.bench.coding;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;

/**
 * Start-up cost: loading every shipped code set. Cold single shots in fresh JVMs capped at 300 MB
 * heap (so the run itself proves the heap budget); see {@link LoadFootprint} for retained heap.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xmx300m"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class CodeSetLoadBenchmark {

    @Benchmark
    public CodeSets coldLoad() throws IOException {
        return ConformanceLoader.load(BenchClaims.conformance(), null);
    }
}
