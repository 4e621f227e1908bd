package io.claimbridge.normalize.hl7v2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.util.ReflectionUtil;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * Parses HL7v2 ER7 text of any version 2.3–2.8.x as the v2.8.1 structures would read it (one code
 * path for all versions: fields are positional, so older messages land in the same places),
 * validation off, unknown and Z-segments kept. Thread-safe after construction.
 *
 * <p>HAPI's checks of the header (encoding, MSH-2, version, MSH-9) run as before, so the same
 * messages are refused with the same reasons; the body is read by {@link V2Segment} instead of
 * HAPI's typed model, which built hundreds of reflective objects per message that were then read
 * by position anyway ({@code Hl7v2ParserEquivalenceTest} pins the reads to HAPI's).
 */
public final class Hl7v2Parser {

    /** An encounter message is kilobytes; anything this big is refused before it is read. */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    private static final String VERSION = "2.8.1";
    private static final int MAX_CACHED_STRUCTURES = 1000;

    /** HAPI's {@code Version.versionOf} table: MSH-12 ids it has structures for. */
    private static final List<String> KNOWN_VERSIONS = Arrays.stream(ca.uhn.hl7v2.Version.values()).map(ca.uhn.hl7v2.Version::getVersion).toList();

    private final boolean allowUnknownVersions;
    private final ModelClassFactory factory;
    private final Escaping escaping;
    /** MSH-9 structure (or type_trigger) → the name HAPI's model class for it has. */
    private final Map<String, String> structureNames = new ConcurrentHashMap<>();

    public Hl7v2Parser() {
        this.factory = new CanonicalModelClassFactory(VERSION);
        HapiContext ctx = new DefaultHapiContext(factory);
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.getParserConfiguration().setValidating(false);
        // Never let the parser emit (or require) anything beyond what is in the text.
        ctx.getParserConfiguration().setEncodeEmptyMandatoryFirstSegments(false);
        this.allowUnknownVersions = ctx.getParserConfiguration().isAllowUnknownVersions();
        this.escaping = ctx.getParserConfiguration().getEscaping();
    }

    /** One message (MLLP framing and any line-ending style tolerated). */
    public V2Message parse(String raw) {
        if (raw.length() > MAX_CHARS) {
            throw new Hl7v2Exception("message larger than " + MAX_CHARS + " characters");
        }
        String text = clean(raw);
        if (!text.startsWith("MSH")) {
            throw new Hl7v2Exception("not an HL7v2 message: it must start with MSH");
        }
        try {
            text = withKnownVersion(text);
            String structure = checkHeader(text);
            EncodingCharacters enc = new EncodingCharacters(text.charAt(3), text.substring(4, 9));
            return new V2Message(segments(text, enc), structureName(structure));
        } catch (HL7Exception e) {
            // HAPI's message names the segment/field, never the value.
            throw new Hl7v2Exception("unparseable HL7v2: " + e.getMessage(), e);
        }
    }

    /**
     * What HAPI's {@code Parser.parse} checks before it builds a model (ER7 encoding, MSH-2, a
     * version in MSH-12), with HAPI's messages; returns MSH-9's structure by HAPI's rule: component
     * 3, else ACK, else type_trigger. Written out here ({@code EncodingDetector.isEr7Encoded},
     * {@code PipeParser.getVersion} and {@code getMessageStructure} in HAPI 2.6) because HAPI
     * tokenizes the whole message with a StringTokenizer for the first and splits MSH twice more,
     * a tenth of a conversion; {@code Hl7v2ParserEquivalenceTest} holds the two to the same answers.
     */
    String checkHeader(String text) throws HL7Exception {
        if (!isEr7(text) || text.length() < 9) {
            throw new HL7Exception("Determine encoding for message: not ER7");
        }
        String sound = soundStructure(text);
        if (sound != null) {
            return sound;
        }
        int end = text.indexOf('\r');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.length() <= 3) {
            throw new HL7Exception("Can't find field separator in MSH: " + line, ErrorCode.UNSUPPORTED_VERSION_ID);
        }
        String[] msh = V2Segment.split(line, line.charAt(3));
        if (msh.length < 2 || msh[1] == null || msh[1].length() != 4 && msh[1].length() != 5) {
            // msh[1] also when there is none: HAPI then fails with the same ArrayIndexOutOfBoundsException
            throw new HL7Exception("Invalid or incomplete encoding characters - MSH-2 is " + msh[1], ErrorCode.REQUIRED_FIELD_MISSING);
        }
        if (msh.length >= 12) {
            if (msh[11] == null || V2Segment.split(msh[11], msh[1].charAt(0)).length < 1) {
                throw new HL7Exception("Can't find version ID - MSH.12 is " + msh[11], ErrorCode.REQUIRED_FIELD_MISSING);
            }
        } else if (!allowUnknownVersions) {
            throw new HL7Exception("Can't find version ID - MSH has only " + msh.length + " fields.", ErrorCode.REQUIRED_FIELD_MISSING);
        }
        String nine = msh[8];
        String[] comps = nine == null ? new String[0] : V2Segment.split(nine, text.charAt(4));
        if (comps.length >= 3) {
            return String.valueOf(comps[2]);
        }
        if (comps.length > 0 && "ACK".equals(comps[0])) {
            return "ACK";
        }
        if (comps.length == 2) {
            return comps[0] + "_" + comps[1];
        }
        throw new HL7Exception("Can't determine message structure from MSH-9: " + nine + " HINT: there are only " + comps.length
                + " of 3 components present");
    }

    /**
     * The usual header by position, without splitting MSH: MSH-2 of 4 or 5 characters, an MSH-12,
     * MSH-9 as type^trigger^structure or type^trigger (not ACK). Anything else is null, and the
     * checks above answer it (same result, or HAPI's refusal).
     */
    static String soundStructure(String text) {
        int end = text.indexOf('\r');
        if (end < 0) {
            end = text.length();
        }
        char fs = text.charAt(3);
        int[] sep = new int[12];
        int at = 3;
        for (int i = 0; i < 12; i++) {
            int next = i == 0 ? 3 : V2Segment.indexOf(text, fs, at, end);
            if (next < 0) {
                if (i < 11) {
                    return null;
                }
                next = end;
            }
            sep[i] = next;
            at = next + 1;
        }
        int encLength = sep[1] - sep[0] - 1;
        if (encLength != 4 && encLength != 5 || sep[11] == sep[10] + 1 || sep[8] == sep[7] + 1) {
            return null; // bad MSH-2, empty MSH-12 or MSH-9
        }
        char cs = text.charAt(4);
        int from = sep[7] + 1;
        int to = sep[8];
        int c1 = V2Segment.indexOf(text, cs, from, to);
        int c2 = c1 < 0 ? -1 : V2Segment.indexOf(text, cs, c1 + 1, to);
        if (c1 <= from || c1 + 1 == (c2 < 0 ? to : c2)) {
            return null; // empty type or trigger
        }
        if (c2 < 0) {
            return text.startsWith("ACK", from) && c1 == from + 3 ? null : text.substring(from, c1) + "_" + text.substring(c1 + 1, to);
        }
        int c3 = V2Segment.indexOf(text, cs, c2 + 1, to);
        int structureEnd = c3 < 0 ? to : c3;
        return structureEnd == c2 + 1 ? null : text.substring(c2 + 1, structureEnd);
    }

    /**
     * HAPI's ER7 test: starts with MSH, every CR-separated segment (leading whitespace dropped) of 4
     * or more characters has the field separator 4th, and the text holds 11 field separators.
     */
    static boolean isEr7(String text) {
        if (text.length() < 4 || !text.startsWith("MSH")) {
            return false;
        }
        char fs = text.charAt(3);
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = n;
            }
            int from = start;
            while (from < end && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            if (end - from >= 4 && text.charAt(from + 3) != fs) {
                return false;
            }
            start = end + 1;
        }
        int at = 0;
        for (int i = 0; i < 11; i++) {
            at = text.indexOf(fs, at + 1);
            if (at < 0) {
                return false;
            }
        }
        return true;
    }

    /** The structure name HAPI's model would carry (its class for the event, e.g. ADT_A08 → ADT_A01). */
    private String structureName(String structure) throws HL7Exception {
        String cached = structureNames.get(structure);
        if (cached != null) {
            return cached;
        }
        // Read as an event (type_trigger → structure): only used when MSH-9.3 is absent, see V2Message.
        String name = ReflectionUtil.instantiateMessage(factory.getMessageClass(structure, VERSION, false), factory).getName();
        // Structures come from messages: cache a bounded number so odd MSH-9 values cannot grow memory.
        if (structureNames.size() < MAX_CACHED_STRUCTURES) {
            structureNames.putIfAbsent(structure, name);
        }
        return name;
    }

    /**
     * HAPI refuses versions it has no structures for (2.8.2, 2.9, site-specific "2.5.1.1"); we parse
     * every version into the 2.8.1 structures anyway, so an unknown MSH-12 is read as 2.8.1.
     */
    static String withKnownVersion(String text) {
        if (text.length() < 8) {
            return text;
        }
        char fs = text.charAt(3);
        int end = text.indexOf('\r');
        int mshEnd = end < 0 ? text.length() : end;
        // MSH-12 is the 12th piece of the MSH line at fs: found by position, copied only to rewrite it.
        int[] sep = new int[12];
        int at = 0;
        for (int i = 0; i < 12; i++) {
            int next = V2Segment.indexOf(text, fs, at, mshEnd);
            if (next < 0) {
                if (i < 11) {
                    return text; // fewer than 12 fields
                }
                next = mshEnd;
            }
            sep[i] = next;
            at = next + 1;
        }
        char cs = sep[1] == sep[0] + 1 ? '^' : text.charAt(sep[0] + 1);
        int from = sep[10] + 1;
        int c = V2Segment.indexOf(text, cs, from, sep[11]);
        int idEnd = c < 0 ? sep[11] : c;
        for (String known : KNOWN_VERSIONS) {
            if (known.length() == idEnd - from && text.startsWith(known, from)) {
                return text;
            }
        }
        String msh = text.substring(0, mshEnd);
        String[] f = msh.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        String v = f[11];
        int vc = v.indexOf(cs);
        f[11] = "2.8.1" + (vc < 0 ? "" : v.substring(vc));
        return String.join(String.valueOf(fs), f) + (end < 0 ? "" : text.substring(end));
    }

    /** Splits a file holding one message or a batch (FHS/BHS ... BTS/FTS) into message texts. */
    public static List<String> splitBatch(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : clean(raw).split("\r")) {
            String seg = line.strip();
            if (seg.isEmpty() || seg.startsWith("FHS") || seg.startsWith("BHS") || seg.startsWith("BTS") || seg.startsWith("FTS")) {
                continue;
            }
            if (seg.startsWith("MSH")) {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = new StringBuilder();
            }
            if (cur != null) {
                cur.append(line).append('\r');
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    static String clean(String raw) {
        // Each replace only when needed: replace(char, char) walks the whole text even when absent.
        String t = raw;
        if (t.indexOf('\u000b') >= 0) t = t.replace("\u000b", "");
        if (t.indexOf('\u001c') >= 0) t = t.replace("\u001c", "");
        if (t.indexOf('\n') >= 0) t = t.replace("\r\n", "\r").replace('\n', '\r');
        // Strip leading whitespace/BOM; keep the segment terminators.
        int i = 0;
        while (i < t.length() && (Character.isWhitespace(t.charAt(i)) || t.charAt(i) == '\ufeff')) {
            i++;
        }
        return t.substring(i);
    }

    /**
     * Segments as HAPI's PipeParser cuts them: split at CR, leading whitespace dropped, pieces
     * shorter than 3 characters ignored, segments with no content left out.
     */
    private List<V2Segment> segments(String text, EncodingCharacters enc) {
        List<V2Segment> out = new ArrayList<>(16);
        V2Segment.Rare rare = V2Segment.Rare.of(text, enc);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = text.length();
            }
            int from = start;
            while (from < end && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            if (end - from >= 3) {
                V2Segment seg = new V2Segment(text, from, end, enc, escaping, rare);
                if (!seg.isEmpty()) {
                    out.add(seg);
                }
            }
            start = end + 1;
        }
        return out;
    }
}
