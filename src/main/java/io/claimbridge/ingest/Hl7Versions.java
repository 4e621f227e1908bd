package io.claimbridge.ingest;

import java.util.Set;

/** The HL7 v2 versions one listener accepts: 2.3 to 2.8.x. */
public final class Hl7Versions {
    public static final Set<String> SUPPORTED = Set.of(
            "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2");

    private Hl7Versions() {
    }

    public static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    static int number(String version) {
        if (version == null) {
            return 0;
        }
        String[] parts = version.split("\\.");
        int n = 0;
        for (int i = 0; i < 3; i++) {
            n = n * 10 + (i < parts.length && parts[i].chars().allMatch(Character::isDigit) && !parts[i].isEmpty()
                    ? Math.min(9, Integer.parseInt(parts[i].length() > 2 ? parts[i].substring(0, 2) : parts[i])) : 0);
        }
        return n;
    }
}
