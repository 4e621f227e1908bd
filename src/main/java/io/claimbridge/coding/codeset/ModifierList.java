package io.claimbridge.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Valid claim-line modifiers: HCPCS Level II modifiers straight from the CMS HCPCS release
 * (two-character rows, with their dates) plus CPT Level I modifier numbers from a hand-kept list
 * (numbers only; AMA descriptors are not shipped), and the CMS list of NCCI-associated modifiers
 * that may bypass a PTP edit with modifier indicator 1.
 */
public final class ModifierList {
    private final HcpcsCodeSet levelTwo;
    private final HcpcsCodeSet levelOne;
    private final Set<String> ncciBypass;

    public ModifierList(HcpcsCodeSet levelTwo, HcpcsCodeSet levelOne, Set<String> ncciBypass) {
        this.levelTwo = levelTwo;
        this.levelOne = levelOne;
        this.ncciBypass = Set.copyOf(ncciBypass);
    }

    public HcpcsCodeSet.Status status(String modifier, LocalDate date) {
        HcpcsCodeSet.Status s = levelTwo.status(modifier, date);
        return s != HcpcsCodeSet.Status.ABSENT ? s : levelOne.status(modifier, date);
    }

    public boolean isNcciBypass(String modifier) {
        return ncciBypass.contains(modifier);
    }

    public boolean isEmpty() {
        return levelTwo.isEmpty() && levelOne.isEmpty();
    }

    public String version() {
        return levelTwo.version() + " modifiers + " + levelOne.version();
    }

    /**
     * Hand-kept csv: {@code modifier,effective(yyyyMMdd|empty),termination(yyyyMMdd|empty),note};
     * lines starting with # are comments.
     */
    public static HcpcsCodeSet readLevelOne(String version, Path csv) throws IOException {
        HcpcsCodeSet.Builder b = new HcpcsCodeSet.Builder(version, 64);
        try (BufferedReader r = OrderFile.reader(csv)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("modifier,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String from = f.length > 1 ? f[1].trim() : "";
                String to = f.length > 2 ? f[2].trim() : "";
                b.add(f[0].trim().toUpperCase(Locale.ROOT), from.isEmpty() ? Integer.MIN_VALUE : MceTable.day(from),
                        to.isEmpty() ? HcpcsCodeSet.OPEN : MceTable.day(to));
            }
        }
        return b.build();
    }

    /** One modifier per line (first token), # comments. */
    public static Set<String> readList(Path txt) throws IOException {
        Set<String> set = new HashSet<>();
        try (BufferedReader r = OrderFile.reader(txt)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                set.add(t.split("[\\s,]+")[0].toUpperCase(Locale.ROOT));
            }
        }
        return set;
    }
}
