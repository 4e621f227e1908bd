package io.claimbridge.coding.codeset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** CMS place-of-service codes from the HL7 THO CodeSystem JSON (concept[].code, two digits). */
public record PlaceOfServiceSet(String version, Set<String> codes) {

    public PlaceOfServiceSet {
        codes = Set.copyOf(codes);
    }

    public boolean contains(String code) {
        return codes.contains(code);
    }

    public static PlaceOfServiceSet read(Path json) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(json)) {
            root = new ObjectMapper().readTree(in);
        }
        if (!"CodeSystem".equals(root.path("resourceType").asText())) {
            throw new IOException(json.getFileName() + ": not a FHIR CodeSystem");
        }
        Set<String> codes = new HashSet<>();
        collect(root.path("concept"), codes);
        return new PlaceOfServiceSet("CMS POS " + root.path("version").asText("?"), codes);
    }

    private static void collect(JsonNode concepts, Set<String> into) {
        for (JsonNode c : concepts) {
            into.add(c.path("code").asText());
            collect(c.path("concept"), into);
        }
    }
}
