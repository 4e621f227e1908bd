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
 * (own JVM: it needs HAPI FHIR 6), writes its Bundles, measures its throughput after a timed
 * warm-up, and prints a side-by-side comparison with claimbridge's Bundles and throughput (written
 * before by OursBench in the same run): Patient identifier values, Encounter class and period,
 * Condition codes; msg/s of LFH, claimbridge and HAPI v2 parse-only, with the ratios.
 *
 * <p>args: hl7-dir out-dir warm-up-seconds measure-seconds
 */
public final class LfhCompare {

    /** The zones our mapping files give these senders; LFH's default is +08:00. */
    private static final Map<String, String> SENDER_ZONES = Map.of("GENERAL_HOSPITAL", "America/Chicago", "ACME_EAST", "America/New_York");

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double measure = Double.parseDouble(args[3]);
        Path lfhOut = out.resolve("lfh");
        Files.createDirectories(lfhOut);
        HL7ToFHIRConverter conv = new HL7ToFHIRConverter();
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> selected(p.getFileName().toString())).sorted().toList();
        }
        List<String> msgs = new ArrayList<>();
        List<ConverterOptions> opts = new ArrayList<>();
        List<ConverterOptions> compact = new ArrayList<>();
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
                // Timed without pretty printing, as claimbridge's JSON is.
                compact.add(new ConverterOptions.Builder().withBundleType(Bundle.BundleType.COLLECTION)
                        .withZoneIdText(SENDER_ZONES.getOrDefault(sender(m), "UTC")).build());
            } catch (RuntimeException e) {
                failures.add(f.getFileName() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        // Throughput, same shape as OursBench: timed warm-up, then whole passes for a timed run.
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            for (int i = 0; i < msgs.size(); i++) sink = conv.convert(msgs.get(i), compact.get(i));
        }
        long count = 0;
        long t0 = System.nanoTime();
        end = t0 + (long) (measure * 1e9);
        while (System.nanoTime() < end) {
            for (int i = 0; i < msgs.size(); i++) sink = conv.convert(msgs.get(i), compact.get(i));
            count += msgs.size();
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
        report.append("\nagreement: ").append(same).append("/").append(total).append(" facts\n");
        report.append("\nThroughput: ").append(msgs.size()).append(" messages, one thread, ").append(fmt(warmup)).append(" s warm-up then ")
                .append(fmt(measure)).append(" s timed, each in this run (claimbridge and HAPI in one JVM, LFH in its own):\n\n");
        report.append("| workload | conversions | seconds | msg/s | vs LFH |\n|---|---|---|---|---|\n");
        report.append(row("LFH hl7v2-fhir-converter 1.0.19: HL7v2 → FHIR Bundle JSON", count, secs, lfhRate));
        Path rates = out.resolve("claimbridge/throughput.txt");
        Map<String, String> labels = Map.of(
                "claimbridgeBundleJson", "claimbridge: HL7v2 → canonical Bundle JSON",
                "claimbridgeCodedEncounter", "claimbridge: HL7v2 → canonical CodedEncounter",
                "hapiParseOnly", "HAPI v2 2.6 parse only (PipeParser, 2.8.1 model; no FHIR)");
        for (String l : Files.exists(rates) ? Files.readAllLines(rates) : List.<String>of()) {
            String[] f = l.trim().split(" ");
            if (f.length == 3) {
                long c = Long.parseLong(f[1]);
                double s = Double.parseDouble(f[2]);
                report.append(row(labels.getOrDefault(f[0], f[0]), c, s, lfhRate));
            }
        }
        if (!failures.isEmpty()) {
            report.append("\nLFH failed on: ").append(String.join("; ", failures)).append("\n");
        }
        Files.writeString(out.resolve("comparison.md"), report.toString());
        System.out.println(report);
    }

    /** Results go here so the JIT cannot drop the work that makes them. */
    static volatile Object sink;

    static String row(String label, long count, double secs, double lfhRate) {
        double rate = count / secs;
        return "| " + label + " | " + count + " | " + fmt(secs) + " | " + String.format("%.1f", rate) + " | "
                + String.format("%.1fx", rate / lfhRate) + " |\n";
    }

    static String fmt(double d) {
        return String.format("%.1f", d);
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
