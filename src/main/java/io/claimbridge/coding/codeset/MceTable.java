package io.claimbridge.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * MCE master table for one code system (code, start date, end date, flags): the CMS MCE keeps
 * the whole history with date ranges, so one table answers any date of service. Rows for one
 * code are contiguous in the CMS file; we keep (first row, row count) per code and the rows as
 * parallel int arrays (epoch days, flag bits).
 */
public final class MceTable {
    private static final int OPEN = Integer.MAX_VALUE;

    private final String version;
    private final CodeIndex index;
    private final int[] firstRow;
    private final byte[] rowCount;
    private final int[] start;
    private final int[] end;
    private final int[] flags;
    private final int lastDay;

    private MceTable(String version, CodeIndex index, int[] firstRow, byte[] rowCount,
                     int[] start, int[] end, int[] flags, int lastDay) {
        this.version = version;
        this.index = index;
        this.firstRow = firstRow;
        this.rowCount = rowCount;
        this.start = start;
        this.end = end;
        this.flags = flags;
        this.lastDay = lastDay;
    }

    public static MceTable empty() {
        return new MceTable("none", new CodeIndex(16), new int[0], new byte[0], new int[0], new int[0], new int[0], 0);
    }

    /** e.g. "CMS MCE v43.1". */
    public String version() {
        return version;
    }

    public boolean isEmpty() {
        return index.size() == 0;
    }

    /** True when the date is after the newest end date in the table (MCE release not loaded). */
    public boolean beyondCoverage(LocalDate date) {
        return date.toEpochDay() > lastDay;
    }

    /** Flag bits ({@link MceFlag#bit()}) of the code's row active on the date, 0 if none. */
    public int flags(String code, LocalDate date) {
        int o = index.indexOf(code);
        if (o < 0) {
            return 0;
        }
        long day = date.toEpochDay();
        int from = firstRow[o];
        for (int r = from; r < from + rowCount[o]; r++) {
            if (day >= start[r] && day <= end[r]) {
                return flags[r];
            }
        }
        return 0;
    }

    /**
     * Reads mce_i10dx_master.csv / mce_i10sg_master.csv: header, then code,yyyyMMdd,yyyyMMdd|empty,flag|flag.
     */
    public static MceTable read(String version, Path csv) throws IOException {
        CodeIndex index = new CodeIndex(100_000);
        int n = 0;
        int[] first = new int[100_000];
        byte[] count = new byte[100_000];
        int[] st = new int[100_000];
        int[] en = new int[100_000];
        int[] fl = new int[100_000];
        int maxDay = 0;
        try (BufferedReader r = OrderFile.reader(csv)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("code,start_date")) {
                throw new IOException(csv.getFileName() + ": not an MCE master csv");
            }
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < 4) {
                    throw new IOException(csv.getFileName() + ": bad row " + line);
                }
                int before = index.size();
                int o = index.add(f[0]);
                first = CodeIndex.ensure(first, o);
                if (o == before) {
                    first[o] = n;
                    if (count.length <= o) {
                        count = Arrays.copyOf(count, count.length * 2);
                    }
                } else if (first[o] + count[o] != n) {
                    throw new IOException(csv.getFileName() + ": rows for " + f[0] + " are not contiguous");
                }
                count[o]++;
                st = CodeIndex.ensure(st, n);
                en = CodeIndex.ensure(en, n);
                fl = CodeIndex.ensure(fl, n);
                st[n] = day(f[1]);
                en[n] = f[2].isEmpty() ? OPEN : day(f[2]);
                int bits = 0;
                if (!f[3].isEmpty()) {
                    for (String flag : f[3].split("\\|")) {
                        bits |= MceFlag.bitOf(flag);
                    }
                }
                fl[n] = bits;
                maxDay = Math.max(maxDay, en[n] == OPEN ? st[n] : en[n]);
                n++;
            }
        }
        int codes = index.size();
        return new MceTable(version, index, Arrays.copyOf(first, codes), Arrays.copyOf(count, codes),
                Arrays.copyOf(st, n), Arrays.copyOf(en, n), Arrays.copyOf(fl, n), maxDay);
    }

    /** Open-ended rows end with the MCE release (terminationDate); callers pass that in. */
    MceTable withLastDay(LocalDate lastDay) {
        return new MceTable(version, index, firstRow, rowCount, start, end, flags, (int) lastDay.toEpochDay());
    }

    /** yyyyMMdd → epoch day; hand-parsed because it runs ~170k times at start-up. */
    static int day(String yyyymmdd) {
        if (yyyymmdd.length() != 8) {
            throw new IllegalArgumentException("bad date " + yyyymmdd);
        }
        int v = Integer.parseInt(yyyymmdd);
        return (int) LocalDate.of(v / 10000, (v / 100) % 100, v % 100).toEpochDay();
    }
}
