import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.mapping.MappingLoader;

/**
 * claimbridge side of the peer comparison (runs on claimbridge's classpath, HAPI FHIR 8):
 * converts the sample ADT/DFT messages, writes one canonical Bundle per message, then measures
 * messages/second for HL7v2 text → canonical → JSON over N rounds. Prints "throughput <msg/s>".
 */
public class OursBench {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Hl7v2Normalizer n = new Hl7v2Normalizer(MappingLoader.load(Path.of(args[3])));
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> LfhSelection.selected(p.getFileName().toString())).sorted().toList();
        }
        List<String> msgs = new ArrayList<>();
        for (Path f : files) {
            String m = Files.readString(f);
            msgs.add(m);
            CodedEncounter ce = n.toCodedEncounter(m, null);
            Files.writeString(out.resolve(f.getFileName().toString().replace(".hl7", ".json")),
                    FhirR4.prettyJson().encodeResourceToString(ce.toBundle()));
        }
        long count = 0;
        for (int w = 0; w < Math.max(1, rounds / 5); w++) {
            for (String m : msgs) FhirR4.json().encodeResourceToString(n.toCodedEncounter(m, null).toBundle());
        }
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String m : msgs) {
                FhirR4.json().encodeResourceToString(n.toCodedEncounter(m, null).toBundle());
                count++;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String line = String.format("throughput %.1f", count / secs);
        Files.writeString(out.resolve("throughput.txt"), line + "\n");
        System.out.println("claimbridge: " + count + " messages in " + String.format("%.2f", secs) + " s, " + line + " msg/s");
    }
}
