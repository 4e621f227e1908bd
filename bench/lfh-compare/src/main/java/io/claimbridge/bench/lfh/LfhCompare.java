package io.claimbridge.bench.lfh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import io.github.linuxforhealth.hl7.ConverterOptions;
import io.github.linuxforhealth.hl7.HL7ToFHIRConverter;

/**
 * Runs the LinuxForHealth hl7v2-fhir-converter 1.0.19 on the same sample messages as claimbridge
 * (own JVM: it needs HAPI FHIR 6), writes its Bundles, measures its throughput, and prints a
 * side-by-side comparison with claimbridge's Bundles (written before by OursBench):
 * Patient identifier values, Encounter class and period, Condition codes.
 *
 * <p>args: hl7-dir out-dir rounds
 */
public final class LfhCompare {

    /** The zones our mapping files give these senders; LFH's default is +08:00. */
    private static final Map<String, String> SENDER_ZONES = Map.of("GENERAL_HOSPITAL", "America/Chicago", "ACME_EAST", "America/New_York");

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path lfhOut = out.resolve("lfh");
        Files.createDirectories(lfhOut);
        HL7ToFHIRConverter conv = new HL7ToFHIRConverter();
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> selected(p.getFileName().toString())).sorted().toList();
        }
        List<String> msgs = new ArrayList<>();
        List<ConverterOptions> opts = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            String m = Files.readString(f).replace("\r\n", "\r").replace('\n', '\r');
            ConverterOptions o = new ConverterOptions.Builder().withBundleType(Bundle.BundleType.COLLECTION)
                    .withZoneIdText(SENDER_ZONES.getOrDefault(sender(m), "UTC")).withPrettyPrint().build();
            try {
                String json = conv.convert(m, o);
                Files.writeString(lfhOut.resolve(f.getFileName().toString().replace(".hl7", ".json")), json);
                msgs.add(m);
                opts.add(o);
            } catch (RuntimeException e) {
                failures.add(f.getFileName() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        // Throughput, same shape as OursBench: warm-up, then rounds over all converted messages.
        for (int w = 0; w < Math.max(1, rounds / 5); w++) {
            for (int i = 0; i < msgs.size(); i++) conv.convert(msgs.get(i), opts.get(i));
        }
        long count = 0;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < msgs.size(); i++) {
                conv.convert(msgs.get(i), opts.get(i));
                count++;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double lfhRate = count / secs;

        FhirContext ctx = FhirContext.forR4();
        StringBuilder report = new StringBuilder();
        report.append("# claimbridge vs LinuxForHealth hl7v2-fhir-converter 1.0.19\n\n");
        report.append("| message | field | claimbridge | LFH | same |\n|---|---|---|---|---|\n");
        int same = 0, total = 0;
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".hl7", ".json");
            Path ours = out.resolve("claimbridge").resolve(name);
            Path theirs = lfhOut.resolve(name);
            if (!Files.exists(ours) || !Files.exists(theirs)) {
                report.append("| ").append(name).append(" | (missing output) | ").append(Files.exists(ours)).append(" | ").append(Files.exists(theirs)).append(" | no |\n");
                continue;
            }
            Facts a = facts(ctx.newJsonParser().parseResource(Bundle.class, Files.readString(ours)));
            Facts b = facts(ctx.newJsonParser().parseResource(Bundle.class, Files.readString(theirs)));
            for (String[] row : new String[][] {
                    {"Patient.identifier values", a.ids, b.ids},
                    {"Encounter.class", a.encClass, b.encClass},
                    {"Encounter.period.start", a.start, b.start},
                    {"Encounter.period.end", a.end, b.end},
                    {"Condition codes", a.codes, b.codes},
                    {"Condition systems", a.systems, b.systems}}) {
                boolean eq = row[1].equals(row[2]);
                total++;
                if (eq) same++;
                report.append("| ").append(name).append(" | ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2])
                        .append(" | ").append(eq ? "yes" : "**no**").append(" |\n");
            }
        }
        String oursRate = Files.exists(out.resolve("claimbridge/throughput.txt"))
                ? Files.readString(out.resolve("claimbridge/throughput.txt")).trim().replace("throughput ", "") : "n/a";
        report.append("\nagreement: ").append(same).append("/").append(total).append(" facts\n");
        report.append("\n| converter | msg/s (HL7v2 text → FHIR Bundle JSON, ").append(msgs.size()).append(" messages x ").append(rounds).append(" rounds, one thread) |\n|---|---|\n");
        report.append("| claimbridge normalize | ").append(oursRate).append(" |\n");
        report.append("| LFH hl7v2-fhir-converter 1.0.19 | ").append(String.format("%.1f", lfhRate)).append(" |\n");
        if (!failures.isEmpty()) {
            report.append("\nLFH failed on: ").append(String.join("; ", failures)).append("\n");
        }
        Files.writeString(out.resolve("comparison.md"), report.toString());
        System.out.println(report);
    }

    static boolean selected(String name) {
        return name.endsWith(".hl7") && !name.startsWith("batch") && !name.contains("a11") && !name.contains("a13");
    }

    static String sender(String msg) {
        String[] f = msg.substring(0, msg.indexOf('\r')).split("\\|", -1);
        return f.length > 3 ? f[3] : "";
    }

    record Facts(String ids, String encClass, String start, String end, String codes, String systems) {
    }

    static Facts facts(Bundle b) {
        List<Resource> rs = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r != null).toList();
        Patient p = rs.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElse(new Patient());
        Encounter e = rs.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast).findFirst().orElse(new Encounter());
        String ids = p.getIdentifier().stream().map(i -> i.getValue()).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new)).toString();
        String cls = e.hasClass_() ? e.getClass_().getCode() : "-";
        String start = e.getPeriod().hasStart() ? Instant.ofEpochMilli(e.getPeriod().getStart().getTime()).toString() : "-";
        String end = e.getPeriod().hasEnd() ? Instant.ofEpochMilli(e.getPeriod().getEnd().getTime()).toString() : "-";
        List<Condition> cs = rs.stream().filter(Condition.class::isInstance).map(Condition.class::cast).toList();
        String codes = cs.stream().map(c -> c.getCode().getCodingFirstRep().getCode()).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new)).toString();
        String systems = cs.stream().map(c -> c.getCode().getCodingFirstRep().getSystem()).filter(v -> v != null).collect(Collectors.toCollection(TreeSet::new)).toString();
        return new Facts(ids, cls, start, end, codes, systems);
    }
}
