package io.claimbridge.normalize.hl7v2;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * HL7 DTM/TS (YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]) → FHIR date/dateTime, keeping the precision
 * that was sent. FHIR requires an offset once there is a time, so a time without one is read in
 * the sender's zone from the mapping (never the server's).
 *
 * <p>Read by hand rather than by regex (a handful of times per message on the hot path): the
 * accepted syntax is that of {@code \d{4}(\d{2}){0,5}(\.\d{1,4})?([+-]\d{4})?}, a fraction or
 * offset is ignored below hour precision, and the FHIR text handed to HAPI is the same.
 */
public final class V2Time {

    private V2Time() {
    }

    /**
     * The parts of a DTM: {@code digits} leading digits (4, 6, ..., 14), the fraction (with its dot)
     * in {@code [fracFrom, offFrom)} and the offset in {@code [offFrom, s.length())}, either may be empty.
     */
    private record Dtm(String s, int digits, int fracFrom, int offFrom) {

        boolean has(int digitCount) {
            return digits >= digitCount;
        }

        int num(int from, int len) {
            int v = 0;
            for (int i = from; i < from + len; i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            return v;
        }

        /** yyyy[-mm[-dd]] of the first {@code digitCount} digits (4, 6 or 8). */
        StringBuilder date(int digitCount, int extra) {
            StringBuilder b = new StringBuilder(digitCount + 2 + extra).append(s, 0, 4);
            if (digitCount >= 6) b.append('-').append(s, 4, 6);
            if (digitCount >= 8) b.append('-').append(s, 6, 8);
            return b;
        }
    }

    public static DateTimeType dateTime(String v, ZoneId zone) {
        Dtm m = match(v);
        return m == null ? null : dateTime(m, zone);
    }

    /**
     * {@code dateTime(v, zone).getValue()} (same instant, same exceptions) without the FHIR type
     * where the instant follows from the fields alone: for the message and event times, which
     * only date the message. Below hour precision, before 1583 (HAPI's calendar turns Julian) or
     * with an offset in seconds (HAPI refuses it) it is HAPI's answer.
     */
    public static Date dateTimeValue(String v, ZoneId zone) {
        Dtm m = match(v);
        if (m == null) {
            return null;
        }
        if (!m.has(10) || m.num(0, 4) < 1583) {
            return dateTime(m, zone).getValue();
        }
        LocalDateTime local = local(m);
        ZoneOffset off = offset(m, local, zone);
        if (off.getTotalSeconds() % 60 != 0) {
            return dateTime(m, zone).getValue();
        }
        // HAPI reads up to three fraction digits as milliseconds (.5 = 500, .1234 = 123).
        int fracDigits = Math.min(3, m.offFrom() - m.fracFrom() - 1);
        int millis = 0;
        if (fracDigits > 0) {
            millis = m.num(m.fracFrom() + 1, fracDigits) * (fracDigits == 1 ? 100 : fracDigits == 2 ? 10 : 1);
        }
        return new Date(local.toEpochSecond(off) * 1000 + millis);
    }

    private static LocalDateTime local(Dtm m) {
        int min = m.has(12) ? m.num(10, 2) : 0;
        int sec = m.has(14) ? m.num(12, 2) : 0;
        return LocalDateTime.of(m.num(0, 4), m.num(4, 2), m.num(6, 2), m.num(8, 2), min, sec);
    }

    private static ZoneOffset offset(Dtm m, LocalDateTime local, ZoneId zone) {
        String s = m.s();
        return m.offFrom() < s.length()
                ? ZoneOffset.of(s.substring(m.offFrom(), m.offFrom() + 3) + ":" + s.substring(m.offFrom() + 3))
                : zone.getRules().getOffset(local);
    }

    private static DateTimeType dateTime(Dtm m, ZoneId zone) {
        if (!m.has(10)) {
            return new DateTimeType(m.date(m.digits(), 0).toString());
        }
        String s = m.s();
        ZoneOffset off = offset(m, local(m), zone);
        String offText = off.getTotalSeconds() == 0 ? "Z" : off.getId();
        StringBuilder b = m.date(8, 16 + offText.length()).append('T').append(s, 8, 10).append(':');
        if (m.has(12)) b.append(s, 10, 12); else b.append("00");
        b.append(':');
        if (m.has(14)) b.append(s, 12, 14); else b.append("00");
        return new DateTimeType(b.append(s, m.fracFrom(), m.offFrom()).append(offText).toString());
    }

    public static LocalDate localDate(String v) {
        Dtm m = match(v);
        if (m == null || !m.has(8)) {
            return null;
        }
        return LocalDate.of(m.num(0, 4), m.num(4, 2), m.num(6, 2));
    }

    /**
     * {@code new DateTimeType(date(v).getValueAsString())} without the DateType in between (same
     * text, and HAPI refuses the same dates the same way: both types parse with one method).
     */
    public static DateTimeType dateAsDateTime(String v) {
        Dtm m = match(v);
        return m == null ? null : new DateTimeType(m.date(Math.min(m.digits(), 8), 0).toString());
    }

    public static DateType date(String v) {
        Dtm m = match(v);
        if (m == null) {
            return null;
        }
        return new DateType(m.date(Math.min(m.digits(), 8), 0).toString());
    }

    private static Dtm match(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        int n = s.length();
        int digits = digitsFrom(s, 0);
        int at = digits;
        int fracFrom = at;
        if (at < n && s.charAt(at) == '.') {
            int k = digitsFrom(s, at + 1);
            at = k > 0 && k <= 4 ? at + 1 + k : -1;
        }
        int offFrom = at;
        if (at >= 0 && at < n && (s.charAt(at) == '+' || s.charAt(at) == '-')) {
            at = digitsFrom(s, at + 1) == 4 ? at + 5 : -1;
        }
        if (digits < 4 || digits > 14 || digits % 2 != 0 || at != n) {
            throw new Hl7v2Exception("bad HL7 date/time (expected YYYYMMDD[HHMM[SS]][+ZZZZ])");
        }
        return new Dtm(s, digits, fracFrom, offFrom);
    }

    /** How many ASCII digits (what regex \d matches) start at {@code from}. */
    private static int digitsFrom(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
