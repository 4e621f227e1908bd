package io.claimbridge.delivery.x12;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * How claimbridge values become X12 data elements: text stripped of delimiters, amounts without
 * trailing zeros (R type), dates CCYYMMDD, times HHMM.
 */
final class X12Values {
    private X12Values() {
    }

    /**
     * AN element: accents dropped (José → JOSE), delimiter, control and other non-ASCII characters
     * become spaces, runs of spaces collapse, upper case, cut to max.
     */
    static String text(String s, int max) {
        if (s == null) {
            return null;
        }
        if (!isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        boolean space = false;
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c == SegmentSink.SEGMENT || c == SegmentSink.ELEMENT || c == SegmentSink.COMPONENT
                    || c == SegmentSink.REPETITION || c < 0x20 || c > 0x7E) {
                c = ' ';
            }
            if (c == ' ') {
                if (space || b.length() == 0) {
                    continue;
                }
                space = true;
            } else {
                space = false;
            }
            b.append(Character.toUpperCase(c));
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        b.setLength(end);
        return b.length() == 0 ? null : b.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static String amount(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }

    static String date(LocalDate d) {
        int y = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        char[] c = new char[8];
        c[0] = (char) ('0' + y / 1000);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = (char) ('0' + m / 10);
        c[5] = (char) ('0' + m % 10);
        c[6] = (char) ('0' + day / 10);
        c[7] = (char) ('0' + day % 10);
        return new String(c);
    }

    /** ISA09: YYMMDD. */
    static String shortDate(LocalDate d) {
        return date(d).substring(2);
    }

    static String time(LocalTime t) {
        int h = t.getHour();
        int m = t.getMinute();
        return new String(new char[] {(char) ('0' + h / 10), (char) ('0' + h % 10),
                (char) ('0' + m / 10), (char) ('0' + m % 10)});
    }

    static String dateTime(LocalDateTime t) {
        return date(t.toLocalDate()) + time(t.toLocalTime());
    }

    static String rangeOrDate(LocalDate from, LocalDate to) {
        return to == null || to.equals(from) ? date(from) : date(from) + "-" + date(to);
    }

    /** Right-pads to a fixed width (ISA elements are fixed length). */
    static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(width);
        b.append(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    static String zeroPad(long n, int width) {
        String s = Long.toString(n);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
