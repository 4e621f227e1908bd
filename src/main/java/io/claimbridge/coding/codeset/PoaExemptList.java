package io.claimbridge.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * ICD-10-CM codes exempt from Present-On-Admission reporting, per fiscal year (CDC/NCHS
 * POAexemptCodesFYyy.txt: tab-delimited Order, dotted code, description). Stored like
 * {@link IcdCodeSystem}: one index, a year bit mask per code.
 */
public final class PoaExemptList {
    private final int[] years;
    private final CodeIndex index;
    private final int[] mask;

    private PoaExemptList(int[] years, CodeIndex index, int[] mask) {
        this.years = years;
        this.index = index;
        this.mask = mask;
    }

    public int[] years() {
        return years.clone();
    }

    public YearResolution resolve(int fiscalYear) {
        return YearResolution.resolve(fiscalYear, years);
    }

    public boolean isExempt(String code, int fiscalYear) {
        int yi = Arrays.binarySearch(years, fiscalYear);
        int o = index.indexOf(code);
        return yi >= 0 && o >= 0 && (mask[o] & (1 << yi)) != 0;
    }

    /** @param files fiscal year → POAexemptCodesFYyy.txt(.gz) */
    public static PoaExemptList read(Map<Integer, Path> files) throws IOException {
        TreeMap<Integer, Path> sorted = new TreeMap<>(files);
        int[] years = sorted.keySet().stream().mapToInt(Integer::intValue).toArray();
        CodeIndex index = new CodeIndex(50_000);
        int[] mask = new int[50_000];
        int yi = 0;
        for (Path p : sorted.values()) {
            try (BufferedReader r = OrderFile.reader(p)) {
                String line = r.readLine();
                if (line == null || !line.contains("POAexemptCode")) {
                    throw new IOException(p.getFileName() + ": not a POA-exempt list");
                }
                while ((line = r.readLine()) != null) {
                    int t1 = line.indexOf('\t');
                    int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
                    if (t2 < 0) {
                        continue;
                    }
                    String code = line.substring(t1 + 1, t2).replace(".", "").trim();
                    int o = index.add(code);
                    mask = CodeIndex.ensure(mask, o);
                    mask[o] |= 1 << yi;
                }
            }
            yi++;
        }
        return new PoaExemptList(years, index, Arrays.copyOf(mask, index.size()));
    }
}
