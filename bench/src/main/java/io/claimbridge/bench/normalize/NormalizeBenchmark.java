package io.claimbridge.bench.normalize;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.hl7v2.Hl7v2Parser;
import io.claimbridge.normalize.mapping.MappingLoader;

/**
 * HL7v2 messages per second on one thread over the sample ADT/DFT messages ({@link BenchMessages}):
 * <ul>
 * <li>{@code hapiParseOnly}: HAPI v2 PipeParser into the 2.8.1 model, validation off (how the
 * normalizer parsed before, and what most HL7v2 converters start with): the usual ceiling;</li>
 * <li>{@code readOnly}: claimbridge's positional reader alone ({@link Hl7v2Parser});</li>
 * <li>{@code toCodedEncounter}: HL7v2 text → canonical {@link CodedEncounter} (what the engine's
 * processing stage runs);</li>
 * <li>{@code toBundleJson}: the same plus encoding the canonical Bundle to FHIR JSON.</li>
 * </ul>
 * One operation = one message (each invocation converts every sample once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class NormalizeBenchmark {

    /** Number of sample messages; checked in setUp (JMH needs the constant at compile time). */
    static final int MESSAGES = 38;

    private String[] messages;
    private PipeParser hapi;
    private Hl7v2Parser reader;
    private Hl7v2Normalizer normalizer;
    private IParser json;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchMessages m = BenchMessages.load();
        if (m.texts().size() != MESSAGES) {
            throw new IllegalStateException("expected " + MESSAGES + " sample messages, found " + m.texts().size() + ": update MESSAGES");
        }
        messages = m.texts().toArray(String[]::new);
        HapiContext ctx = new DefaultHapiContext(new CanonicalModelClassFactory("2.8.1"));
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.getParserConfiguration().setValidating(false);
        hapi = ctx.getPipeParser();
        reader = new Hl7v2Parser();
        normalizer = new Hl7v2Normalizer(MappingLoader.load(m.mappings()));
        json = FhirR4.json();
        for (String s : messages) {
            // Every sample must parse and convert: a failing one would measure exception handling.
            try {
                hapi.parse(s);
            } catch (HL7Exception e) {
                throw new IllegalStateException("HAPI cannot parse a sample: " + e.getMessage(), e);
            }
            json.encodeResourceToString(normalizer.toCodedEncounter(s, null).toBundle());
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void hapiParseOnly(Blackhole bh) throws HL7Exception {
        for (String s : messages) {
            bh.consume(hapi.parse(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void readOnly(Blackhole bh) {
        for (String s : messages) {
            bh.consume(reader.parse(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void toCodedEncounter(Blackhole bh) {
        for (String s : messages) {
            bh.consume(normalizer.toCodedEncounter(s, null));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void toBundleJson(Blackhole bh) {
        for (String s : messages) {
            bh.consume(json.encodeResourceToString(normalizer.toCodedEncounter(s, null).toBundle()));
        }
    }
}
