package io.claimbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import java.util.List;

import io.claimbridge.delivery.x12.X837Writer;
import io.claimbridge.model.CodedEncounter;

/**
 * Claims per CPU-second of the rendering thread, next to wall-clock claims/s. On a shared machine
 * JMH's wall-clock throughput swings with other processes' load; the thread's own CPU time does
 * not, so this is the figure to compare across runs. Not a JMH benchmark (JMH has no CPU-time
 * mode); it warms up for as long as the JMH class does before measuring.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.claimbridge.bench.CpuTimeReport</pre>
 */
public final class CpuTimeReport {
    private static volatile int sink;

    public static void main(String[] args) {
        X837Writer writer = new X837Writer(ZoneId.of("America/Chicago"));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-18s %14s %16s%n", "benchmark", "claims/s wall", "claims/CPU-s");
        for (String kind : new String[] {"render837P", "render837I"}) {
            List<CodedEncounter> claims = kind.endsWith("P")
                    ? BenchClaims.professional(X837RenderBench.BATCH) : BenchClaims.institutional(X837RenderBench.BATCH);
            run(writer, claims, 12_000_000_000L, mx); // warm-up
            long[] r = run(writer, claims, 10_000_000_000L, mx);
            double claimsDone = (double) r[0] * claims.size();
            System.out.printf("%-18s %,14.0f %,16.0f%n", kind, claimsDone / (r[1] / 1e9), claimsDone / (r[2] / 1e9));
        }
    }

    /** Renders batches for {@code wallNanos}; returns {batches, wall ns, thread CPU ns}. */
    private static long[] run(X837Writer writer, List<CodedEncounter> claims, long wallNanos, ThreadMXBean mx) {
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long batches = 0;
        while (System.nanoTime() - t0 < wallNanos) {
            sink += writer.write(claims, null, X837RenderBench.ENVELOPE, X837RenderBench.CONTROL).bytes().length;
            batches++;
        }
        return new long[] {batches, System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - cpu0};
    }
}
