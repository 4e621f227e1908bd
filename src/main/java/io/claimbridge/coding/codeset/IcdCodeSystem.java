package io.claimbridge.coding.codeset;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * One ICD-10 code system (CM or PCS) across all loaded fiscal years. Every code that appears in
 * any year gets one ordinal; per code two bit masks say in which loaded years it exists and in
 * which it is billable (flag 1 in the order file). Why: one hash probe answers "valid on this
 * date?", "header?" and "valid in another year?" at once, and the union of two years is only a
 * few percent bigger than one year.
 */
public final class IcdCodeSystem {

    public enum Status { BILLABLE, HEADER, ABSENT }

    private final String name;
    private final int[] years;
    private final CodeIndex index;
    private final int[] presentMask;
    private final int[] billableMask;

    private IcdCodeSystem(String name, int[] years, CodeIndex index, int[] present, int[] billable) {
        this.name = name;
        this.years = years;
        this.index = index;
        this.presentMask = present;
        this.billableMask = billable;
    }

    public String name() {
        return name;
    }

    /** Loaded fiscal years, ascending. */
    public int[] years() {
        return years.clone();
    }

    public boolean isEmpty() {
        return years.length == 0;
    }

    public YearResolution resolve(int fiscalYear) {
        return YearResolution.resolve(fiscalYear, years);
    }

    /** "ICD-10-CM FY2026". */
    public String version(int fiscalYear) {
        return name + " FY" + fiscalYear;
    }

    public Status status(String code, int fiscalYear) {
        int bit = bit(fiscalYear);
        int o = index.indexOf(code);
        if (o < 0 || bit == 0 || (presentMask[o] & bit) == 0) {
            return Status.ABSENT;
        }
        return (billableMask[o] & bit) != 0 ? Status.BILLABLE : Status.HEADER;
    }

    /** Loaded years in which the code is billable, ascending (empty when never). */
    public int[] billableYears(String code) {
        int o = index.indexOf(code);
        if (o < 0) {
            return new int[0];
        }
        int m = billableMask[o];
        return Arrays.stream(years).filter(y -> (m & bit(y)) != 0).toArray();
    }

    public int size() {
        return index.size();
    }

    private int bit(int fiscalYear) {
        int i = Arrays.binarySearch(years, fiscalYear);
        return i < 0 ? 0 : 1 << i;
    }

    /** Collects codes year by year; at most 31 years (one bit each). */
    public static final class Builder {
        private final String name;
        private final TreeSet<Integer> yearSet = new TreeSet<>();
        private final CodeIndex index = new CodeIndex(120_000);
        private int[] present = new int[1024];
        private int[] billable = new int[1024];

        public Builder(String name) {
            this.name = name;
        }

        /** Years must be declared before codes are added, so bits are stable. */
        public Builder years(java.util.Collection<Integer> ys) {
            if (ys.size() > 31) {
                throw new IllegalArgumentException("too many years for " + name);
            }
            yearSet.addAll(ys);
            return this;
        }

        public void addAll(OrderFile file) {
            if (!yearSet.contains(file.fiscalYear())) {
                throw new IllegalStateException("undeclared year " + file.fiscalYear());
            }
            int bit = 1 << yearSet.headSet(file.fiscalYear()).size();
            String[] codes = file.codes();
            for (int i = 0; i < codes.length; i++) {
                int o = index.add(codes[i]);
                present = CodeIndex.ensure(present, o);
                billable = CodeIndex.ensure(billable, o);
                present[o] |= bit;
                if (file.billable().get(i)) {
                    billable[o] |= bit;
                }
            }
        }

        public IcdCodeSystem build() {
            int[] ys = yearSet.stream().mapToInt(Integer::intValue).toArray();
            int n = index.size();
            return new IcdCodeSystem(name, ys, index, Arrays.copyOf(present, n), Arrays.copyOf(billable, n));
        }
    }
}
