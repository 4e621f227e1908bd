package io.claimbridge.normalize.hl7v2;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * HL7 DTM/TS (YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]) → FHIR date/dateTime, keeping the precision
 * that was sent. FHIR requires an offset once there is a time, so a time without one is read in
 * the sender's zone from the mapping (never the server's).
 */
public final class V2Time {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\.\\d{1,4})?([+-]\\d{4})?");

    private V2Time() {
    }

    public static DateTimeType dateTime(String v, ZoneId zone) {
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

    public static LocalDate localDate(String v) {
        Matcher m = match(v);
        if (m == null || m.group(3) == null) {
            return null;
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public static DateType date(String v) {
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
