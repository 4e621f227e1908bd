package io.claimbridge.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.claimbridge.ingest.Hl7Rejection.PartialHeader;

/**
 * Reads MSH and decodes an HL7 v2 message without a full parse — the part of ingest that runs
 * before the ACK, so it must be fast and must never throw anything but {@link Hl7Rejection}.
 *
 * <p>Tolerant of what real senders do: a UTF-8 byte-order mark, CR, LF or CRLF segment ends,
 * blank lines. MSH-18 picks the charset; when it is empty, UTF-8 is tried and ISO-8859-1 is the
 * fallback (every byte sequence decodes in it), since many senders leave MSH-18 empty.
 */
public final class Hl7HeaderReader {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Hl7HeaderReader() {
    }

    public static Hl7Header read(byte[] raw) throws Hl7Rejection {
        int start = 0;
        if (startsWith(raw, UTF8_BOM)) {
            start = 3;
        }
        while (start < raw.length && (raw[start] == '\r' || raw[start] == '\n')) {
            start++;
        }
        if (start >= raw.length) {
            throw new Hl7Rejection(Hl7Error.general(ErrorCode.SEGMENT_SEQUENCE_ERROR, "Empty message"),
                    PartialHeader.NONE);
        }
        if (raw.length - start < 3 || raw[start] != 'M' || raw[start + 1] != 'S' || raw[start + 2] != 'H') {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 0,
                    "Message does not start with an MSH segment"), PartialHeader.NONE);
        }
        // MSH is ASCII in every charset HL7 v2 allows over MLLP here, so read it byte for byte.
        int mshEnd = start;
        while (mshEnd < raw.length && raw[mshEnd] != '\r' && raw[mshEnd] != '\n') {
            mshEnd++;
        }
        String msh = new String(raw, start, mshEnd - start, StandardCharsets.ISO_8859_1);
        if (msh.length() < 8) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 1,
                    "MSH segment is truncated"), PartialHeader.NONE);
        }
        char fs = msh.charAt(3);
        if (!isDelimiter(fs)) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.DATA_TYPE_ERROR, "MSH", 1,
                    "MSH-1 field separator is not a valid delimiter character"), PartialHeader.NONE);
        }
        List<String> fields = split(msh, fs); // fields.get(n) is MSH-(n+1) for n >= 1
        String enc = fields.size() > 1 ? fields.get(1) : "";
        if (!validEncodingCharacters(enc, fs)) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.DATA_TYPE_ERROR, "MSH", 2,
                    "MSH-2 encoding characters are invalid or the field separator is wrong"), PartialHeader.NONE);
        }
        char componentSep = enc.charAt(0);
        String msh9 = field(fields, 9);
        String[] type = splitComponents(msh9, componentSep);
        String messageType = type.length > 0 ? type[0] : "";
        String trigger = type.length > 1 ? type[1] : "";
        String controlId = field(fields, 10);
        String version = firstComponent(field(fields, 12), componentSep);
        PartialHeader partial = new PartialHeader(fs, enc, field(fields, 3), field(fields, 4), field(fields, 5),
                field(fields, 6), messageType, trigger, controlId, firstComponent(field(fields, 11), componentSep),
                version, field(fields, 15));

        if (messageType.isEmpty()) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 9,
                    "MSH-9 message type is missing"), partial);
        }
        if (controlId.isEmpty()) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10,
                    "MSH-10 message control id is missing"), partial);
        }
        if (version.isEmpty()) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 12,
                    "MSH-12 version id is missing"), partial);
        }
        if (!Hl7Versions.supported(version)) {
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.UNSUPPORTED_VERSION_ID, "MSH", 12,
                    "Version " + safe(version) + " is not supported (2.3 to 2.8.x are)"), partial);
        }
        String characterSet = field(fields, 18);
        Charset charset = charsetFor(firstRepetition(characterSet, enc.length() > 1 ? enc.charAt(1) : '~'), partial);
        String text = decode(raw, start, charset, characterSet.isEmpty(), partial);
        text = normaliseSegmentEnds(text);
        checkControlCharacters(text, fs, partial);
        return new Hl7Header(fs, enc, field(fields, 3), field(fields, 4), field(fields, 5), field(fields, 6),
                messageType, trigger, controlId, partial.processingId(), version, field(fields, 15),
                field(fields, 16), characterSet, charset, text);
    }

    private static boolean startsWith(byte[] raw, byte[] prefix) {
        if (raw.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDelimiter(char c) {
        return c > 0x20 && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    private static boolean validEncodingCharacters(String enc, char fs) {
        if (enc.length() < 3 || enc.length() > 5) {
            return false;
        }
        for (int i = 0; i < enc.length(); i++) {
            char c = enc.charAt(i);
            if (!isDelimiter(c) || c == fs || enc.indexOf(c) != i) {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>(24);
        out.add("MSH");
        int from = 4; // MSH-2 starts after "MSH" + separator
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, at));
            from = at + 1;
        }
    }

    /** MSH-n, counting MSH-1 as the separator itself (so MSH-2 is list index 1). */
    private static String field(List<String> fields, int n) {
        int i = n - 1;
        return i < fields.size() ? fields.get(i).trim() : "";
    }

    private static String[] splitComponents(String value, char sep) {
        List<String> parts = new ArrayList<>(3);
        int from = 0;
        while (true) {
            int at = value.indexOf(sep, from);
            if (at < 0) {
                parts.add(value.substring(from).trim());
                return parts.toArray(String[]::new);
            }
            parts.add(value.substring(from, at).trim());
            from = at + 1;
        }
    }

    private static String firstComponent(String value, char sep) {
        int at = value.indexOf(sep);
        return at < 0 ? value : value.substring(0, at);
    }

    private static String firstRepetition(String value, char sep) {
        int at = value.indexOf(sep);
        return (at < 0 ? value : value.substring(0, at)).trim();
    }

    /** HL7 table 0211 names → Java charsets. */
    static Charset charsetFor(String hl7Name, PartialHeader partial) throws Hl7Rejection {
        String n = hl7Name.toUpperCase(Locale.ROOT);
        switch (n) {
            case "", "UNICODE UTF-8", "UTF-8", "UNICODE":
                return StandardCharsets.UTF_8;
            case "ASCII":
                return StandardCharsets.US_ASCII;
            case "8859/1":
                return StandardCharsets.ISO_8859_1;
            default:
                if (n.matches("8859/(2|3|4|5|6|7|8|9|15)")) {
                    return Charset.forName("ISO-8859-" + n.substring(5));
                }
                throw new Hl7Rejection(Hl7Error.at(ErrorCode.TABLE_VALUE_NOT_FOUND, "MSH", 18,
                        "MSH-18 character set is not supported"), partial);
        }
    }

    private static String decode(byte[] raw, int start, Charset charset, boolean undeclared, PartialHeader partial)
            throws Hl7Rejection {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(raw, start, raw.length - start));
            return chars.toString();
        } catch (CharacterCodingException e) {
            if (undeclared || charset == StandardCharsets.US_ASCII) {
                // No (or a plain ASCII) declaration: Latin-1 reads every byte, nothing is lost.
                return new String(raw, start, raw.length - start, StandardCharsets.ISO_8859_1);
            }
            throw new Hl7Rejection(Hl7Error.at(ErrorCode.DATA_TYPE_ERROR, "MSH", 18,
                    "Message bytes are not valid " + charset.name() + " as MSH-18 declares"), partial);
        }
    }

    static String normaliseSegmentEnds(String text) {
        if (text.indexOf('\n') < 0) {
            return stripBlankSegments(text);
        }
        return stripBlankSegments(text.replace("\r\n", "\r").replace('\n', '\r'));
    }

    private static String stripBlankSegments(String text) {
        if (!text.contains("\r\r") && !text.endsWith("\r")) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (String seg : text.split("\r")) {
            if (!seg.isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append('\r');
                }
                sb.append(seg);
            }
        }
        return sb.toString();
    }

    /** Control bytes (other than tab) inside a field: rejected with the field's location. */
    private static void checkControlCharacters(String text, char fs, PartialHeader partial) throws Hl7Rejection {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\r' && c != '\t') || c == 0x7F) {
                int segStart = text.lastIndexOf('\r', i) + 1;
                String segment = text.substring(segStart, Math.min(segStart + 3, text.length()));
                int field = 0;
                for (int j = segStart; j < i; j++) {
                    if (text.charAt(j) == fs) {
                        field++;
                    }
                }
                if (segment.equals("MSH")) {
                    field++;
                }
                int sequence = 1;
                String prefix = segment + fs;
                for (int p = text.indexOf(prefix); p >= 0 && p < segStart; p = text.indexOf(prefix, p + 1)) {
                    if (p == 0 || text.charAt(p - 1) == '\r') {
                        sequence++;
                    }
                }
                throw new Hl7Rejection(new Hl7Error(ErrorCode.DATA_TYPE_ERROR, safe(segment), sequence, field,
                        "Control character 0x%02X inside %s-%d".formatted((int) c, safe(segment), field)), partial);
            }
        }
    }

    /** Only letters and digits of a value go into an error text: no message content beyond that. */
    private static String safe(String s) {
        String t = s.length() > 12 ? s.substring(0, 12) : s;
        return t.replaceAll("[^A-Za-z0-9.]", "?");
    }
}
