package io.claimbridge.ingest;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.claimbridge.ingest.Hl7Rejection.PartialHeader;

/**
 * Builds the ACK for a message: mirrors the sender's delimiters, MSH-3/4 ↔ MSH-5/6, processing
 * id and version, echoes MSH-10 in MSA-2, and reports errors in the ERR layout of that version
 * (ERR-1 before v2.5; ERR-2/3/4/8 from v2.5 on).
 */
public final class AckBuilder {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");
    private static final String FALLBACK_VERSION = "2.5.1";

    private AckBuilder() {
    }

    public static String build(PartialHeader h, AckCode code, List<Hl7Error> errors, String ackControlId,
                               ZonedDateTime now) {
        char fs = h.fieldSeparator();
        String enc = h.encodingCharacters();
        char cs = enc.charAt(0);
        char ss = enc.length() > 3 ? enc.charAt(3) : '&';
        Escaper esc = new Escaper(fs, enc);
        String version = Hl7Versions.supported(h.version()) ? h.version() : FALLBACK_VERSION;
        int v = Hl7Versions.number(version);

        StringBuilder sb = new StringBuilder(256);
        sb.append("MSH").append(fs).append(enc)
                .append(fs).append(h.receivingApplication())
                .append(fs).append(h.receivingFacility())
                .append(fs).append(h.sendingApplication())
                .append(fs).append(h.sendingFacility())
                .append(fs).append(TS.format(now))
                .append(fs)
                .append(fs).append("ACK");
        if (!h.triggerEvent().isEmpty()) {
            sb.append(cs).append(h.triggerEvent());
            if (v >= 231) {
                sb.append(cs).append("ACK");
            }
        }
        sb.append(fs).append(ackControlId)
                .append(fs).append(h.processingId().isEmpty() ? "P" : h.processingId())
                .append(fs).append(version);
        sb.append('\r');

        sb.append("MSA").append(fs).append(code.name()).append(fs).append(h.controlId());
        if (v < 250 && !errors.isEmpty()) {
            sb.append(fs).append(esc.escape(errors.get(0).text()));
        }
        sb.append('\r');

        for (Hl7Error e : errors) {
            String location = e.segment() == null ? ""
                    : esc.escape(e.segment()) + cs + e.sequence() + cs + (e.field() > 0 ? String.valueOf(e.field()) : "");
            if (v < 250) {
                // ERR-1 (ELD): segment ^ sequence ^ field ^ code & text & table
                sb.append("ERR").append(fs).append(location).append(cs)
                        .append(e.code().code()).append(ss).append(esc.escape(e.code().text())).append(ss).append("HL70357");
            } else {
                sb.append("ERR").append(fs)
                        .append(fs).append(location)
                        .append(fs).append(e.code().code()).append(cs).append(esc.escape(e.code().text()))
                        .append(cs).append("HL70357")
                        .append(fs).append('E')
                        .append(fs).append(fs).append(fs).append(fs)
                        .append(esc.escape(e.text()));
            }
            sb.append('\r');
        }
        return sb.toString();
    }

    public static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneId.systemDefault());
    }

    /** HL7 escape sequences for our own texts, in the sender's delimiters. */
    private record Escaper(char fs, String enc) {
        String escape(String s) {
            char cs = enc.charAt(0);
            char rs = enc.length() > 1 ? enc.charAt(1) : '~';
            char ec = enc.length() > 2 ? enc.charAt(2) : '\\';
            char ss = enc.length() > 3 ? enc.charAt(3) : '&';
            StringBuilder sb = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == fs) sb.append(ec).append('F').append(ec);
                else if (c == cs) sb.append(ec).append('S').append(ec);
                else if (c == rs) sb.append(ec).append('R').append(ec);
                else if (c == ec) sb.append(ec).append('E').append(ec);
                else if (c == ss) sb.append(ec).append('T').append(ec);
                else if (c == '\r' || c == '\n') sb.append(' ');
                else sb.append(c);
            }
            return sb.toString();
        }
    }
}
