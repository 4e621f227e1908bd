package io.claimbridge.coding.codeset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * HCPCS Level II codes (or Level II modifiers) from one CMS alpha-numeric release, with the date
 * each became valid (ADD DT) and its termination date (TERM DT). A quarterly release keeps
 * terminated codes, so the newest release answers "terminated?" and "not yet effective?".
 */
public final class HcpcsCodeSet {
    public static final int OPEN = Integer.MAX_VALUE;

    public enum Status { VALID, NOT_YET_EFFECTIVE, TERMINATED, ABSENT }

    private final String version;
    private final CodeIndex index;
    private final int[] from;
    private final int[] to;
    private final LocalDate coverageEnd;

    HcpcsCodeSet(String version, CodeIndex index, int[] from, int[] to, LocalDate coverageEnd) {
        this.version = version;
        this.index = index;
        this.from = from;
        this.to = to;
        this.coverageEnd = coverageEnd;
    }

    public static HcpcsCodeSet empty(String version) {
        return new HcpcsCodeSet(version, new CodeIndex(16), new int[0], new int[0], null);
    }

    /**
     * Last day the release is current for (a quarterly file: end of its quarter), or null when
     * unknown. Codes added by later quarters are unknown to it, so "absent" after this date is
     * only a warning.
     */
    public LocalDate coverageEnd() {
        return coverageEnd;
    }

    /** e.g. "HCPCS 2025-OCT". */
    public String version() {
        return version;
    }

    public boolean isEmpty() {
        return index.size() == 0;
    }

    public int size() {
        return index.size();
    }

    public boolean contains(String code) {
        return index.indexOf(code) >= 0;
    }

    public Status status(String code, LocalDate date) {
        int o = index.indexOf(code);
        if (o < 0) {
            return Status.ABSENT;
        }
        long d = date.toEpochDay();
        if (d < from[o]) {
            return Status.NOT_YET_EFFECTIVE;
        }
        return d > to[o] ? Status.TERMINATED : Status.VALID;
    }

    public LocalDate effective(String code) {
        int o = index.indexOf(code);
        return o < 0 ? null : LocalDate.ofEpochDay(from[o]);
    }

    public LocalDate terminated(String code) {
        int o = index.indexOf(code);
        return o < 0 || to[o] == OPEN ? null : LocalDate.ofEpochDay(to[o]);
    }

    /** Codes (5 characters) and Level II modifiers (2 characters) of one release file. */
    public record Release(HcpcsCodeSet codes, HcpcsCodeSet modifiers) {
    }

    /**
     * Reads the CMS "HCPCyyyy_MMM_ANWEB.xlsx": a header row naming HCPC, ADD DT, ACT EFF DT, TERM DT
     * (yyyyMMdd). The HCPC column right-aligns two-character modifiers ("   A1").
     */
    public static Release readXlsx(String version, Path xlsx, LocalDate coverageEnd) throws IOException {
        Map<String, Integer> cols = new HashMap<>();
        Builder codes = new Builder(version, 10_000).coverageEnd(coverageEnd);
        Builder mods = new Builder(version, 600).coverageEnd(coverageEnd);
        XlsxSheetReader.readFirstSheet(xlsx, row -> {
            if (cols.isEmpty()) {
                for (int i = 0; i < row.length; i++) {
                    cols.put(row[i].trim().toUpperCase(), i);
                }
                if (!cols.containsKey("HCPC") || !cols.containsKey("TERM DT")) {
                    throw new IllegalStateException(xlsx.getFileName() + ": no HCPC / TERM DT header");
                }
                return;
            }
            String code = cell(row, cols.get("HCPC")).trim().toUpperCase();
            if (code.isEmpty()) {
                return;
            }
            String add = cell(row, cols.getOrDefault("ADD DT", -1)).trim();
            String eff = cell(row, cols.getOrDefault("ACT EFF DT", -1)).trim();
            String term = cell(row, cols.get("TERM DT")).trim();
            int start = !add.isEmpty() ? MceTable.day(add) : !eff.isEmpty() ? MceTable.day(eff) : Integer.MIN_VALUE;
            int end = term.isEmpty() ? OPEN : MceTable.day(term);
            (code.length() == 2 ? mods : codes).add(code, start, end);
        });
        return new Release(codes.build(), mods.build());
    }

    private static String cell(String[] row, int i) {
        return i >= 0 && i < row.length ? row[i] : "";
    }

    /** Also used for hand-kept lists (Level I modifier numbers) that share the date semantics. */
    public static final class Builder {
        private final String version;
        private final CodeIndex index;
        private int[] from;
        private int[] to;
        private LocalDate coverageEnd;

        public Builder coverageEnd(LocalDate date) {
            this.coverageEnd = date;
            return this;
        }

        public Builder(String version, int expected) {
            this.version = version;
            this.index = new CodeIndex(expected);
            this.from = new int[expected];
            this.to = new int[expected];
        }

        public Builder add(String code, int fromDay, int toDay) {
            int o = index.add(code);
            from = CodeIndex.ensure(from, o);
            to = CodeIndex.ensure(to, o);
            from[o] = fromDay;
            to[o] = toDay;
            return this;
        }

        public HcpcsCodeSet build() {
            int n = index.size();
            return new HcpcsCodeSet(version, index, Arrays.copyOf(from, n), Arrays.copyOf(to, n), coverageEnd);
        }
    }
}
