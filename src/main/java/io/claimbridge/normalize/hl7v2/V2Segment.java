package io.claimbridge.normalize.hl7v2;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;

/**
 * One segment of ER7 text, read by position. Reads give exactly what HAPI's {@code PipeParser}
 * would have put at that position of its typed model (same splitting rules, same unescaping), but
 * nothing is built up front: HAPI instantiates a typed object per field, component and Z-segment
 * by reflection, which was most of the cost of a conversion, while the normalizer reads ~100
 * positions of a message by number.
 *
 * <p>Field numbers are HL7's: for MSH (and FHS/BHS) field 1 is the field separator and field 2 the
 * encoding characters, read as one value.
 */
public final class V2Segment {

    private final String name;
    /** Field texts by HL7 number (index 0 = the name); MSH-1 is synthesised. */
    private final String[] fields;
    private final boolean delimiterDefining;
    private final EncodingCharacters enc;
    private final Escaping escaping;

    V2Segment(String text, EncodingCharacters enc, Escaping escaping) {
        this.enc = enc;
        this.escaping = escaping;
        char fs = enc.getFieldSeparator();
        String[] pieces = split(text, fs);
        int cut = text.indexOf(fs);
        String segName = cut < 0 ? text : text.substring(0, cut);
        this.delimiterDefining = "MSH".equals(segName) || "FHS".equals(segName) || "BHS".equals(segName);
        if (delimiterDefining) {
            // MSH-1 is the separator itself; the text's first field is MSH-2.
            String[] f = new String[pieces.length + 1];
            f[0] = pieces.length > 0 ? pieces[0] : segName;
            f[1] = String.valueOf(fs);
            System.arraycopy(pieces, 1, f, 2, pieces.length - 1);
            this.name = text.substring(0, 3);
            this.fields = f;
        } else {
            this.name = segName;
            this.fields = pieces.length == 0 ? new String[] {segName} : pieces;
        }
    }

    /** The segment id (MSH, PID, ZPV, ...), as HAPI names it. */
    public String getName() {
        return name;
    }

    /** Number of fields present in the text (trailing empty ones are not counted). */
    public int numFields() {
        return fields.length - 1;
    }

    /** How many repetitions HAPI would hold for a field (empty ones in the middle count). */
    public int repetitions(int field) {
        String f = raw(field);
        if (f == null) {
            return 0;
        }
        if (delimiterDefining && field <= 2) {
            return 1;
        }
        return count(f, enc.getRepetitionSeparator());
    }

    /** Value at field/repetition(0-based)/component/subcomponent(1-based), unescaped, or null. */
    public String value(int field, int rep, int comp, int sub) {
        String f = raw(field);
        if (f == null || field < 1) {
            return null;
        }
        if (delimiterDefining && field <= 2) {
            // MSH-1 and MSH-2 are single values: never split, never unescaped.
            return rep == 0 && comp == 1 && sub == 1 ? f : null;
        }
        String r = piece(f, enc.getRepetitionSeparator(), rep);
        String c = r == null ? null : piece(r, enc.getComponentSeparator(), comp - 1);
        String s = c == null ? null : piece(c, enc.getSubcomponentSeparator(), sub - 1);
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.indexOf(enc.getEscapeCharacter()) < 0 ? s : escaping.unescape(s, enc);
    }

    /** HAPI drops segments without any content (only separators) when it builds the message. */
    public boolean isEmpty() {
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i];
            if (f == null) {
                continue;
            }
            if (delimiterDefining && i <= 2) {
                return false;
            }
            for (int k = 0; k < f.length(); k++) {
                char ch = f.charAt(k);
                if (ch != enc.getRepetitionSeparator() && ch != enc.getComponentSeparator() && ch != enc.getSubcomponentSeparator()) {
                    return false;
                }
            }
        }
        return true;
    }

    private String raw(int field) {
        return field >= 0 && field < fields.length ? fields[field] : null;
    }

    /** The n-th (0-based) piece of s between separators; null when absent or empty. */
    static String piece(String s, char sep, int n) {
        if (n < 0) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            int next = s.indexOf(sep, start);
            if (next < 0) {
                return null;
            }
            start = next + 1;
        }
        int end = s.indexOf(sep, start);
        if (end < 0) {
            end = s.length();
        }
        // No copy for the common case of an undelimited value.
        return end == start ? null : start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /**
     * Pieces as HAPI's {@code PipeParser.split} counts them: one per separator, plus one when the
     * text does not end with a separator (so "" has none and "a~" has one).
     */
    static int count(String s, char sep) {
        if (s.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                n++;
            }
        }
        return s.charAt(s.length() - 1) == sep ? n : n + 1;
    }

    /** s split at sep with HAPI's rules; empty pieces are null. */
    static String[] split(String s, char sep) {
        String[] out = new String[count(s, sep)];
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            int end = s.indexOf(sep, start);
            if (end < 0) {
                end = s.length();
            }
            out[i] = end == start ? null : s.substring(start, end);
            start = end + 1;
        }
        return out;
    }
}
