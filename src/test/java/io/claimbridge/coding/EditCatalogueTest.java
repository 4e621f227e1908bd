package io.claimbridge.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.claimbridge.coding.edit.Edit;

/** Edit ids are stable and unique, and conformance/README.md documents every one of them. */
class EditCatalogueTest {

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (Edit e : Edit.values()) {
            assertTrue(e.id().matches("CB-[A-Z]{2,4}-\\d{3}"), e.id());
            assertTrue(seen.add(e.id()), "duplicate " + e.id());
        }
    }

    @Test
    void readmeDocumentsEveryEdit() throws IOException {
        String readme = Files.readString(Path.of("conformance/README.md"));
        // Rows list ids like "CB-POA-001 / 002": expand the short forms.
        Set<String> documented = new HashSet<>();
        Matcher m = Pattern.compile("(CB-[A-Z]+-)(\\d{3})((?:\\s*/\\s*\\d{3})*)").matcher(readme);
        while (m.find()) {
            documented.add(m.group(1) + m.group(2));
            for (String more : m.group(3).split("/")) {
                if (!more.isBlank()) {
                    documented.add(m.group(1) + more.trim());
                }
            }
        }
        Set<String> missing = new HashSet<>();
        Arrays.stream(Edit.values()).map(Edit::id).filter(id -> !documented.contains(id)).forEach(missing::add);
        assertEquals(Set.of(), missing);
    }
}
