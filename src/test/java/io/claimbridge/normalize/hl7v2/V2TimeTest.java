package io.claimbridge.normalize.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.junit.jupiter.api.Test;

/**
 * V2Time reads DTM by hand; it must answer exactly as the regex reader it replaced (kept below as
 * the reference): same FHIR text and instant, or the same exception and message.
 */
class V2TimeTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Chicago"), ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/New_York"));

    @Test
    void readsAsTheRegexReaderDid() {
        List<String> inputs = new ArrayList<>(List.of("2026", "202603", "20260310", "2026031008", "202603100830", "20260310083015",
                "20260310083015.1", "20260310083015.12", "20260310083015.1234", "20260310083015.12345", "20260310083015-0500",
                "20260310083015+0000", "20260310083015.5+0530", "2026031008+0100", "20260310+0500", "202603.5", "2026+0500",
                "20260308023000", "20261101013000", "20260405020000", "20261004023000", "19000101120000", "18000101120000",
                "20261301", "20260230", "20260231120000", "20260310246000", "20260310086000", "20260310083060", "20260310083015+2500",
                "20260310083015-1860", "2026031008301", "202603100830150", "2026031008301500", "  20260310 ", "\t2026", "", " ",
                "2026.", "20260310083015.", "20260310083015+050", "20260310083015+05000", "20260310083015x", "x2026", "２０２６",
                "20260310083015-0000", "00000101", "99991231235959.9999+1400", "10000101", "2026-03-10", "2026031008:30",
                "15821015120000", "15821004120000", "15830101000000.5", "00010101000000", "18830101120000", "17000101000000+0130",
                "20260310083015.9", "20260310083015.09", "20260310083015.099", "20260310083015.0999", "19691231235959.999-0000"));
        Random rnd = new Random(7);
        String alphabet = "0123456789012345678901234567890123456789.+- x";
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(24); k > 0; k--) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            inputs.add(b.toString());
            // mostly-valid ones: a real timestamp cut at a random length, maybe with fraction/offset
            String ts = String.format("%04d%02d%02d%02d%02d%02d", 1990 + rnd.nextInt(60), 1 + rnd.nextInt(12), 1 + rnd.nextInt(31),
                    rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
            String cut = ts.substring(0, 4 + 2 * rnd.nextInt(6));
            if (rnd.nextBoolean()) cut += "." + "1234".substring(0, 1 + rnd.nextInt(4));
            if (rnd.nextBoolean()) cut += (rnd.nextBoolean() ? "+" : "-") + String.format("%02d%02d", rnd.nextInt(15), rnd.nextInt(4) * 15);
            inputs.add(cut);
        }
        inputs.add(null);
        for (String in : inputs) {
            for (ZoneId zone : ZONES) {
                assertThat(outcome(() -> text(V2Time.dateTime(in, zone)))).as("dateTime %s in %s", in, zone)
                        .isEqualTo(outcome(() -> text(Regex.dateTime(in, zone))));
                assertThat(outcome(() -> millis(V2Time.dateTimeValue(in, zone)))).as("dateTimeValue %s in %s", in, zone)
                        .isEqualTo(outcome(() -> millis(Regex.dateTime(in, zone) == null ? null : Regex.dateTime(in, zone).getValue())));
            }
            assertThat(outcome(() -> text(V2Time.date(in)))).as("date %s", in).isEqualTo(outcome(() -> text(Regex.date(in))));
            assertThat(outcome(() -> text(V2Time.dateAsDateTime(in)))).as("dateAsDateTime %s", in)
                    .isEqualTo(outcome(() -> text(Regex.date(in) == null ? null : new DateTimeType(Regex.date(in).getValueAsString()))));
            assertThat(outcome(() -> String.valueOf(V2Time.localDate(in)))).as("localDate %s", in)
                    .isEqualTo(outcome(() -> String.valueOf(Regex.localDate(in))));
        }
    }

    private static String text(DateTimeType t) {
        return t == null ? "null" : t.getValueAsString() + " " + t.getValue().getTime() + " " + t.getPrecision() + " " + t.getTimeZone();
    }

    private static String millis(java.util.Date d) {
        return d == null ? "null" : String.valueOf(d.getTime());
    }

    private static String text(DateType t) {
        return t == null ? "null" : t.getValueAsString() + " " + t.getValue().getTime() + " " + t.getPrecision();
    }

    private static String outcome(Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The former V2Time. */
    private static final class Regex {
        private static final Pattern DTM = Pattern.compile(
                "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\.\\d{1,4})?([+-]\\d{4})?");

        static DateTimeType dateTime(String v, ZoneId zone) {
            Matcher m = match(v);
            if (m == null) {
                return null;
            }
            String y = m.group(1), mo = m.group(2), d = m.group(3), h = m.group(4);
            if (mo == null) return new DateTimeType(y);
            if (d == null) return new DateTimeType(y + "-" + mo);
            if (h == null) return new DateTimeType(y + "-" + mo + "-" + d);
            String min = m.group(5) == null ? "00" : m.group(5);
            String sec = m.group(6) == null ? "00" : m.group(6);
            String frac = m.group(7) == null ? "" : m.group(7);
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d),
                    Integer.parseInt(h), Integer.parseInt(min), Integer.parseInt(sec));
            ZoneOffset off = m.group(8) != null ? ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3))
                    : zone.getRules().getOffset(local);
            String offText = off.getTotalSeconds() == 0 ? "Z" : off.getId();
            return new DateTimeType(y + "-" + mo + "-" + d + "T" + h + ":" + min + ":" + sec + frac + offText);
        }

        static LocalDate localDate(String v) {
            Matcher m = match(v);
            if (m == null || m.group(3) == null) {
                return null;
            }
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }

        static DateType date(String v) {
            Matcher m = match(v);
            if (m == null) {
                return null;
            }
            if (m.group(2) == null) return new DateType(m.group(1));
            if (m.group(3) == null) return new DateType(m.group(1) + "-" + m.group(2));
            return new DateType(m.group(1) + "-" + m.group(2) + "-" + m.group(3));
        }

        private static Matcher match(String v) {
            if (v == null) {
                return null;
            }
            Matcher m = DTM.matcher(v.trim());
            if (!m.matches()) {
                throw new Hl7v2Exception("bad HL7 date/time (expected YYYYMMDD[HHMM[SS]][+ZZZZ])");
            }
            return m;
        }
    }
}
