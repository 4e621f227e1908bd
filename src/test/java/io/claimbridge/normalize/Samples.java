package io.claimbridge.normalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.hl7.fhir.r4.model.Resource;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.mapping.MappingLoader;
import io.claimbridge.normalize.mapping.Mappings;

/** Test fixtures: the repository's own mappings/ and the sample messages under src/test/resources/hl7. */
public final class Samples {
    public static final Mappings MAPPINGS = MappingLoader.load(Path.of("mappings"));
    public static final Hl7v2Normalizer HL7 = new Hl7v2Normalizer(MAPPINGS);

    private Samples() {
    }

    public static String read(String name) {
        try (var in = Samples.class.getResourceAsStream("/hl7/" + name)) {
            if (in == null) throw new IllegalArgumentException("no sample " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NormalizedMessage hl7(String name) {
        return HL7.normalize(read(name), null);
    }

    public static <T extends Resource> T byId(CodedEncounter ce, String id, Class<T> type) {
        return ce.all().stream().filter(r -> r.getIdElement().getValue().equals(id)).filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + id));
    }
}
