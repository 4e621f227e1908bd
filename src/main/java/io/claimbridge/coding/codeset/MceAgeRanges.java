package io.claimbridge.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * MCE age groups with their date ranges (mce_age_ranges.csv): Newborn 0, Pediatric 0-17,
 * Maternity 12-55 until 2019-09-30 then 9-64, Adult 15-124. Ages are whole years at admission.
 */
public final class MceAgeRanges {

    public record AgeRange(MceFlag group, int minAge, int maxAge, LocalDate from, LocalDate to) {
    }

    private final List<AgeRange> ranges;

    public MceAgeRanges(List<AgeRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public List<AgeRange> ranges() {
        return ranges;
    }

    /** The range for an age flag on a date, or null if the table has none. */
    public AgeRange forGroup(MceFlag group, LocalDate date) {
        for (AgeRange r : ranges) {
            if (r.group() == group && !date.isBefore(r.from()) && (r.to() == null || !date.isAfter(r.to()))) {
                return r;
            }
        }
        return null;
    }

    public static MceAgeRanges read(Path csv) throws IOException {
        List<AgeRange> list = new ArrayList<>();
        try (BufferedReader r = OrderFile.reader(csv)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("age_group,")) {
                throw new IOException(csv.getFileName() + ": not an MCE age-range csv");
            }
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                int bit = MceFlag.bitOf(f[0]);
                if (bit == 0) {
                    continue;
                }
                MceFlag group = MceFlag.values()[Integer.numberOfTrailingZeros(bit)];
                list.add(new AgeRange(group, Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()),
                        LocalDate.ofEpochDay(MceTable.day(f[3])),
                        f[4].isEmpty() ? null : LocalDate.ofEpochDay(MceTable.day(f[4]))));
            }
        }
        return new MceAgeRanges(list);
    }
}
