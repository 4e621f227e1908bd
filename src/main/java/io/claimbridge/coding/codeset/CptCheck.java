package io.claimbridge.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * CPT is AMA-licensed: we ship no CPT list. Codes are checked by format (four digits then a digit,
 * F, T or U: Category I, II, III and PLA codes) and, only when the user configures a licensed
 * file, for existence in it. The licensed file is read as code + separator + anything (CSV or
 * tab); descriptors are ignored and never stored.
 */
public final class CptCheck {
    private final Set<String> licensed;
    private final String version;

    private CptCheck(Set<String> licensed, String version) {
        this.licensed = licensed;
        this.version = version;
    }

    public static CptCheck formatOnly() {
        return new CptCheck(null, "CPT format");
    }

    public static boolean validFormat(String code) {
        if (code.length() != 5) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        char last = code.charAt(4);
        return (last >= '0' && last <= '9') || last == 'F' || last == 'T' || last == 'U';
    }

    /** True when the code is known to exist; with no licensed file we cannot tell, so true. */
    public boolean exists(String code) {
        return licensed == null || licensed.contains(code);
    }

    public boolean hasLicensedFile() {
        return licensed != null;
    }

    public String version() {
        return version;
    }

    public static CptCheck readLicensed(Path file) throws IOException {
        Set<String> codes = new HashSet<>();
        try (BufferedReader r = OrderFile.reader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String first = t.split("[\\t,|]", 2)[0].replace("\"", "").trim().toUpperCase(Locale.ROOT);
                if (validFormat(first)) {
                    codes.add(first);
                }
            }
        }
        return new CptCheck(Set.copyOf(codes), "CPT licensed file " + file.getFileName());
    }
}
