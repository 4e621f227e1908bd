package io.claimbridge.coding.ncci;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.claimbridge.coding.codeset.CodeIndex;

/**
 * NCCI procedure-to-procedure edits (practitioner or hospital/outpatient table): column 1 code,
 * column 2 code, effective date, deletion date, modifier indicator (0 not allowed, 1 allowed,
 * 9 not applicable). Why this layout: the real tables hold ~1.4 million pairs; codes are mapped
 * to small ints once and each pair becomes one long key in a sorted array, so a lookup is two
 * hash probes and a binary search with no allocation.
 */
public final class PtpTable {
    private static final int OPEN = Integer.MAX_VALUE;

    /** A PTP row active on a date. */
    public record Pair(String column1, String column2, int modifierIndicator, LocalDate effective, String rationale) {
    }

    private final String version;
    private final CodeIndex codes;
    private final long[] keys;
    private final int[] eff;
    private final int[] del;
    private final byte[] modifier;
    private final short[] rationale;
    private final String[] rationales;

    private PtpTable(String version, CodeIndex codes, long[] keys, int[] eff, int[] del,
                     byte[] modifier, short[] rationale, String[] rationales) {
        this.version = version;
        this.codes = codes;
        this.keys = keys;
        this.eff = eff;
        this.del = del;
        this.modifier = modifier;
        this.rationale = rationale;
        this.rationales = rationales;
    }

    public String version() {
        return version;
    }

    public int size() {
        return keys.length;
    }

    /** The row for (column1, column2) in effect on the date, or null. */
    public Pair find(String column1, String column2, LocalDate date) {
        int a = codes.indexOf(column1);
        if (a < 0) {
            return null;
        }
        int b = codes.indexOf(column2);
        if (b < 0) {
            return null;
        }
        long key = ((long) a << 32) | b;
        int i = Arrays.binarySearch(keys, key);
        if (i < 0) {
            return null;
        }
        while (i > 0 && keys[i - 1] == key) {
            i--;
        }
        long d = date.toEpochDay();
        for (; i < keys.length && keys[i] == key; i++) {
            if (d >= eff[i] && d <= del[i]) {
                return new Pair(column1, column2, modifier[i], LocalDate.ofEpochDay(eff[i]), rationales[rationale[i]]);
            }
        }
        return null;
    }

    /**
     * Reads CMS PTP files (all given files form one table, e.g. the four quarterly parts):
     * Column 1, Column 2, "*=in existence prior to 1996", Effective Date, Deletion Date ("*" = none),
     * Modifier Indicator, PTP Edit Rationale. Non-data lines (title, copyright, header) are skipped.
     */
    public static PtpTable read(String version, List<Path> files) throws IOException {
        CodeIndex codes = new CodeIndex(20_000);
        CodeIndex rationaleIndex = new CodeIndex(64);
        String[][] rationaleNames = {new String[64]};
        int[] n = {0};
        long[][] k = {new long[1024]};
        int[][] ef = {new int[1024]};
        int[][] de = {new int[1024]};
        byte[][] mo = {new byte[1024]};
        short[][] ra = {new short[1024]};
        for (Path p : files) {
            CmsTableRows.read(p, f -> {
                if (f.length < 6) {
                    return;
                }
                String c1 = f[0].trim().toUpperCase(Locale.ROOT);
                String c2 = f[1].trim().toUpperCase(Locale.ROOT);
                String mod = f[5].trim();
                if (!CmsTableRows.isCode(c1) || !CmsTableRows.isCode(c2) || mod.length() != 1
                        || "019".indexOf(mod.charAt(0)) < 0 || !CmsTableRows.isDigits(f[3].trim(), 8, 8)) {
                    return;
                }
                int a = codes.add(c1);
                int b = codes.add(c2);
                String why = f.length > 6 ? f[6].trim() : "";
                int r = rationaleIndex.add(why);
                rationaleNames[0] = grow(rationaleNames[0], r);
                rationaleNames[0][r] = why;
                int i = n[0]++;
                if (i == k[0].length) {
                    int cap = i * 2;
                    k[0] = Arrays.copyOf(k[0], cap);
                    ef[0] = Arrays.copyOf(ef[0], cap);
                    de[0] = Arrays.copyOf(de[0], cap);
                    mo[0] = Arrays.copyOf(mo[0], cap);
                    ra[0] = Arrays.copyOf(ra[0], cap);
                }
                k[0][i] = ((long) a << 32) | b;
                ef[0][i] = CmsTableRows.day(f[3], Integer.MIN_VALUE);
                de[0][i] = CmsTableRows.day(f[4], OPEN);
                mo[0][i] = (byte) (mod.charAt(0) - '0');
                ra[0][i] = (short) r;
            });
        }
        int rows = n[0];
        if (codes.size() >= (1 << 20) || rows >= (1 << 22)) {
            throw new IOException("PTP table too large: " + codes.size() + " codes, " + rows + " rows");
        }
        // Sort primitive (col1, col2, row) triples packed in one long: no boxing for ~1.5M rows.
        long[] kk = k[0];
        long[] order = new long[rows];
        for (int i = 0; i < rows; i++) {
            long a = kk[i] >>> 32;
            long b = kk[i] & 0xFFFFFFFFL;
            order[i] = (a << 42) | (b << 22) | i;
        }
        Arrays.sort(order);
        long[] keys = new long[rows];
        int[] eff = new int[rows];
        int[] del = new int[rows];
        byte[] mod = new byte[rows];
        short[] rat = new short[rows];
        for (int i = 0; i < rows; i++) {
            int s = (int) (order[i] & ((1 << 22) - 1));
            keys[i] = kk[s];
            eff[i] = ef[0][s];
            del[i] = de[0][s];
            mod[i] = mo[0][s];
            rat[i] = ra[0][s];
        }
        return new PtpTable(version, codes, keys, eff, del, mod, rat,
                Arrays.copyOf(rationaleNames[0], rationaleIndex.size()));
    }

    private static String[] grow(String[] a, int index) {
        return index < a.length ? a : Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
    }
}
