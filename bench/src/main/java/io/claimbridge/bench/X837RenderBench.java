package io.claimbridge.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.claimbridge.delivery.x12.ClaimFactsReader;
import io.claimbridge.delivery.x12.ControlNumbers;
import io.claimbridge.delivery.x12.X12Envelope;
import io.claimbridge.delivery.x12.X837Interchange;
import io.claimbridge.delivery.x12.X837Writer;
import io.claimbridge.model.CodedEncounter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claims per second rendered to 837, one batch of {@value #BATCH} claims per invocation (a full
 * interchange, as a destination's batch would be). The baseline writes exactly the same segments
 * as raw strings into a StringBuilder: the floor cost of producing those bytes, so the gap is
 * what FHIR reading, validation and StAEDI cost.
 *
 * <p>Thread-scoped state: each JMH thread renders its own claims, as each delivery batch is one
 * thread's (HAPI getters lazily create lists, so sharing one resource graph across threads would
 * measure contention that production does not have). {@code -t 2} measures both cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class X837RenderBench {
    static final int BATCH = 500;
    static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "CLAIMBRIDGE", "ZZ", "CLEARHOUSE", "CLAIMBRIDGE",
            "CLEARHOUSE", X12Envelope.Usage.T, false,
            new X12Envelope.Submitter("Springfield General", "SUB01", "Billing Office", "2175550100", null),
            new X12Envelope.Receiver("Clearing House", "RCV01"));
    static final ControlNumbers CONTROL = new ControlNumbers(1, 1, 1, LocalDateTime.of(2026, 11, 23, 10, 5));

    private final X837Writer writer = new X837Writer(ZoneId.of("America/Chicago"));
    private final ClaimFactsReader reader = new ClaimFactsReader(ZoneId.of("America/Chicago"));
    private List<CodedEncounter> professional;
    private List<CodedEncounter> institutional;
    private List<String[]> professionalSegments;

    @Setup
    public void setup() {
        professional = BenchClaims.professional(BATCH);
        institutional = BenchClaims.institutional(BATCH);
        X837Interchange p = writer.write(professional, null, ENVELOPE, CONTROL);
        X837Interchange i = writer.write(institutional, null, ENVELOPE, CONTROL);
        if (!p.rejections().isEmpty() || !i.rejections().isEmpty() || p.claims().size() != BATCH
                || i.claims().size() != BATCH) {
            throw new IllegalStateException("bench fixtures must render: " + p.rejections() + i.rejections());
        }
        professionalSegments = new ArrayList<>();
        for (String seg : new String(p.bytes(), StandardCharsets.US_ASCII).split("~")) {
            professionalSegments.add(seg.split("\\*", -1));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] render837P() {
        return writer.write(professional, null, ENVELOPE, CONTROL).bytes();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] render837I() {
        return writer.write(institutional, null, ENVELOPE, CONTROL).bytes();
    }

    /** FHIR → checked claim facts only (no bytes): how much of render837P is reading + validation. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int readAndValidate837P() {
        int accepted = 0;
        for (CodedEncounter ce : professional) {
            if (reader.read(ce, null) instanceof ClaimFactsReader.Accepted) {
                accepted++;
            }
        }
        return accepted;
    }

    /** Baseline: the same 837P segments, as raw strings, into a StringBuilder and out as bytes. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] baselineStringBuilder837P() {
        StringBuilder b = new StringBuilder(512 * BATCH);
        for (String[] seg : professionalSegments) {
            b.append(seg[0]);
            for (int i = 1; i < seg.length; i++) {
                b.append('*').append(seg[i]);
            }
            b.append('~');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
