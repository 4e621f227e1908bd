package io.claimbridge.coding.codeset;

import java.time.LocalDate;

/** US federal fiscal year: FY N runs from 1 October N-1 to 30 September N (ICD-10 releases follow it). */
public final class FiscalYear {
    private FiscalYear() {
    }

    public static int of(LocalDate date) {
        return date.getMonthValue() >= 10 ? date.getYear() + 1 : date.getYear();
    }

    public static LocalDate start(int fy) {
        return LocalDate.of(fy - 1, 10, 1);
    }

    public static LocalDate end(int fy) {
        return LocalDate.of(fy, 9, 30);
    }
}
