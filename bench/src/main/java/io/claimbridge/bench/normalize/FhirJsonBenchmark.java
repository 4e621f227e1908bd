package io.claimbridge.bench.normalize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hl7.fhir.r4.model.Bundle;
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

import ca.uhn.fhir.parser.IParser;
import io.claimbridge.coding.attach.Chargemaster;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirJsonWriter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerPolicy;
import io.claimbridge.normalize.ledger.LedgerResult;
import io.claimbridge.normalize.mapping.MappingLoader;

/**
 * FHIR JSON encodings per second on one thread: HAPI's {@code encodeResourceToString} (the
 * baseline) against {@link FhirJsonWriter#encode}, on the two Bundles the hot path encodes most:
 * <ul>
 * <li>{@code office}: the encounter ledger's state after the office visit's A04 and P03
 * (src/test/resources/hl7/delivery), the document stored with every ledger update;</li>
 * <li>{@code inpatient}: the inpatient stay (A01, P03, A03) after coding (CodeAttacher with
 * mappings/chargemaster.csv), the claim Bundle stored with each claim.</li>
 * </ul>
 * Setup checks both encoders give the same string. Warmup iterations are long because HAPI's
 * encoder takes a while to reach steady state on a busy 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 5, time = 3)
public class FhirJsonBenchmark {

    private Bundle office;
    private Bundle inpatient;
    private IParser hapi;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchMessages m = BenchMessages.load();
        Hl7v2Normalizer normalizer = new Hl7v2Normalizer(MappingLoader.load(m.mappings()));
        office = ledgerState(normalizer, m.root(), List.of("office_a04", "office_p03")).toBundle();
        CodedEncounter stay = ledgerState(normalizer, m.root(), List.of("inpatient_a01", "inpatient_p03", "inpatient_a03"));
        inpatient = new CodeAttacher(Chargemaster.read(m.mappings().resolve("chargemaster.csv"))).attach(stay).encounter().toBundle();
        hapi = FhirR4.json();
        for (Bundle b : List.of(office, inpatient)) {
            String expected = hapi.encodeResourceToString(b);
            if (!FhirJsonWriter.encode(b).equals(expected)) {
                throw new IllegalStateException("FhirJsonWriter differs from HAPI on a benchmark bundle");
            }
        }
    }

    private static CodedEncounter ledgerState(Hl7v2Normalizer normalizer, Path root, List<String> messages) throws IOException {
        EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        Instant t = Instant.parse("2026-03-20T00:00:00Z");
        LedgerResult r = null;
        for (String name : messages) {
            String text = Files.readString(root.resolve("src/test/resources/hl7/delivery/" + name + ".hl7"))
                    .replace("\r\n", "\r").replace('\n', '\r');
            r = ledger.apply(r == null ? null : r.state(), normalizer.normalize(text, "ACME_EAST"), t);
            t = t.plusSeconds(60);
        }
        return r.state().encounter();
    }

    @Benchmark
    public String hapiOffice() {
        return hapi.encodeResourceToString(office);
    }

    @Benchmark
    public String fastOffice() {
        return FhirJsonWriter.encode(office);
    }

    @Benchmark
    public String hapiInpatient() {
        return hapi.encodeResourceToString(inpatient);
    }

    @Benchmark
    public String fastInpatient() {
        return FhirJsonWriter.encode(inpatient);
    }
}
