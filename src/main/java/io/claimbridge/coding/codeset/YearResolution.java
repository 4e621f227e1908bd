package io.claimbridge.coding.codeset;

import java.util.Arrays;

/**
 * Which loaded release answers for a requested year. When the exact year is not loaded we use
 * the newest earlier one (or, for dates before every release, the oldest) and say so, so the
 * editor can warn instead of silently judging a claim by the wrong year.
 *
 * @param requested the year the date of service falls in
 * @param used      the loaded year used, or 0 when nothing is loaded
 */
public record YearResolution(int requested, int used) {

    public boolean fallback() {
        return requested != used;
    }

    public boolean none() {
        return used == 0;
    }

    /** @param loaded ascending years */
    public static YearResolution resolve(int requested, int[] loaded) {
        if (loaded.length == 0) {
            return new YearResolution(requested, 0);
        }
        int i = Arrays.binarySearch(loaded, requested);
        if (i >= 0) {
            return new YearResolution(requested, requested);
        }
        int insertion = -i - 1;
        return new YearResolution(requested, insertion == 0 ? loaded[0] : loaded[insertion - 1]);
    }
}
