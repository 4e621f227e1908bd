import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

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
import io.claimbridge.normalize.mapping.MappingLoader;

/**
 * claimbridge side of the peer comparison (runs on claimbridge's classpath, HAPI FHIR 8):
 * converts the sample ADT/DFT messages, writes one canonical Bundle per message, then measures
 * messages/second, each after a timed warm-up, for HAPI v2 parse-only (the ceiling), HL7v2 →
 * canonical CodedEncounter, and HL7v2 → canonical Bundle JSON. Writes out/claimbridge/throughput.txt
 * ("name count seconds" per line) for LfhCompare to print beside LFH's.
 *
 * <p>args: hl7-dir out-dir warm-up-seconds measure-seconds mappings-dir
 */
public class OursBench {

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double measure = Double.parseDouble(args[3]);
        Hl7v2Normalizer n = new Hl7v2Normalizer(MappingLoader.load(Path.of(args[4])));
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> LfhSelection.selected(p.getFileName().toString())).sorted().toList();
        }
        List<String> msgs = new ArrayList<>();
        for (Path f : files) {
            // CR segment ends as on the wire (and as LfhCompare feeds LFH).
            String m = Files.readString(f).replace("\r\n", "\r").replace('\n', '\r');
            msgs.add(m);
            CodedEncounter ce = n.toCodedEncounter(m, null);
            Files.writeString(out.resolve(f.getFileName().toString().replace(".hl7", ".json")),
                    FhirR4.prettyJson().encodeResourceToString(ce.toBundle()));
        }
        PipeParser hapi = hapiParser();
        IParser json = FhirR4.json();
        StringBuilder report = new StringBuilder();
        report.append(line("hapiParseOnly", timed(msgs, warmup, measure, m -> {
            try {
                return hapi.parse(m);
            } catch (HL7Exception e) {
                throw new IllegalStateException(e);
            }
        })));
        report.append(line("claimbridgeCodedEncounter", timed(msgs, warmup, measure, m -> n.toCodedEncounter(m, null))));
        report.append(line("claimbridgeBundleJson", timed(msgs, warmup, measure,
                m -> json.encodeResourceToString(n.toCodedEncounter(m, null).toBundle()))));
        Files.writeString(out.resolve("throughput.txt"), report);
        System.out.print(report);
    }

    /** HAPI v2 as the normalizer used it before (2.8.1 model, validation off). */
    static PipeParser hapiParser() {
        HapiContext ctx = new DefaultHapiContext(new CanonicalModelClassFactory("2.8.1"));
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.getParserConfiguration().setValidating(false);
        return ctx.getPipeParser();
    }

    /** Results go here so the JIT cannot drop the work that makes them. */
    static volatile Object sink;

    /** Whole passes over the messages: warm-up for {@code warmup} s, then count for {@code measure} s. */
    static long[] timed(List<String> msgs, double warmup, double measure, Function<String, Object> work) {
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            for (String m : msgs) sink = work.apply(m);
        }
        long count = 0;
        long t0 = System.nanoTime();
        end = t0 + (long) (measure * 1e9);
        while (System.nanoTime() < end) {
            for (String m : msgs) sink = work.apply(m);
            count += msgs.size();
        }
        return new long[] {count, System.nanoTime() - t0};
    }

    static String line(String name, long[] r) {
        return String.format("%s %d %.3f%n", name, r[0], r[1] / 1e9);
    }
}
