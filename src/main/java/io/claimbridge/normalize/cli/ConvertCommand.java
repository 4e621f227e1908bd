package io.claimbridge.normalize.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.fhir.FhirInboundNormalizer;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.hl7v2.Hl7v2Parser;
import io.claimbridge.normalize.mapping.MappingLoader;
import io.claimbridge.normalize.mapping.Mappings;

/**
 * The core of {@code claimbridge convert}: a file of HL7v2 (one message or a batch) or FHIR R4
 * (JSON/XML Encounter, Claim or Bundle), detected by content, → the canonical Bundle as pretty JSON.
 * No Spring; one HL7v2 parser and the shared FHIR context, so a single message converts in well
 * under 3 s from a cold JVM.
 */
public final class ConvertCommand {

    /** Input larger than this is not an encounter message; refuse rather than exhaust memory. */
    static final long MAX_BYTES = 20L * 1024 * 1024;

    private final Mappings mappings;

    public ConvertCommand(Mappings mappings) {
        this.mappings = mappings;
    }

    public ConvertCommand(Path mappingsDir) {
        this(MappingLoader.load(mappingsDir));
    }

    public String convert(Path file, String sender) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        return convert(Files.readString(file, StandardCharsets.UTF_8), sender);
    }

    public String convert(String content, String sender) {
        Bundle out = switch (detect(content)) {
            case HL7V2 -> hl7v2(content, sender);
            case FHIR -> new FhirInboundNormalizer(mappings).normalize(content, sender).encounter().toBundle();
        };
        return FhirR4.prettyJson().encodeResourceToString(out);
    }

    private Bundle hl7v2(String content, String sender) {
        List<CodedEncounter> encounters = encounters(content, sender);
        if (encounters.size() == 1) {
            return encounters.get(0).toBundle();
        }
        // A batch: one canonical Bundle per message, in file order, inside a collection Bundle.
        Bundle all = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (CodedEncounter ce : encounters) {
            all.addEntry().setResource(ce.toBundle());
        }
        return all;
    }

    /** Every encounter the file holds, in file order: one per HL7v2 message, one for a FHIR input. */
    public List<CodedEncounter> encounters(String content, String sender) {
        if (detect(content) == Format.FHIR) {
            return List.of(new FhirInboundNormalizer(mappings).normalize(content, sender).encounter());
        }
        Hl7v2Normalizer n = new Hl7v2Normalizer(new Hl7v2Parser(), mappings);
        List<String> messages = Hl7v2Parser.splitBatch(content);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no MSH segment found");
        }
        List<CodedEncounter> out = new java.util.ArrayList<>(messages.size());
        for (String m : messages) {
            out.add(n.toCodedEncounter(m, sender));
        }
        return out;
    }

    enum Format { HL7V2, FHIR }

    static Format detect(String content) {
        String t = content.replace("\u000b", "").replace("\ufeff", "").stripLeading();
        if (t.startsWith("MSH") || t.startsWith("FHS") || t.startsWith("BHS")) {
            return Format.HL7V2;
        }
        if (t.startsWith("{") || t.startsWith("<")) {
            return Format.FHIR;
        }
        throw new IllegalArgumentException("neither HL7v2 (starts with MSH/FHS/BHS) nor FHIR JSON/XML");
    }

    /** {@code java -cp ... ConvertCommand <file> [sender] [mappingsDir]} for quick checks without Spring. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: convert <file> [sender] [mappings-dir]");
            System.exit(2);
        }
        Path mappings = Path.of(args.length > 2 ? args[2] : "mappings");
        System.out.println(new ConvertCommand(mappings).convert(Path.of(args[0]), args.length > 1 ? args[1] : null));
    }
}
