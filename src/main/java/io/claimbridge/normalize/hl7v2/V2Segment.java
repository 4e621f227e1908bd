package io.claimbridge.normalize.hl7v2;

import java.util.Arrays;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;

/**
 * One segment of ER7 text, read by position. Reads give exactly what HAPI's {@code PipeParser}
 * would have put at that position of its typed model (same splitting rules, same unescaping), but
 * nothing is built up front: HAPI instantiates a typed object per field, component and Z-segment
 * by reflection, which was most of the cost of a conversion, while the normalizer reads ~100
 * positions of a message by number.
 *
 * <p>The segment is a range of the message text plus the positions of its field separators: a
 * read narrows that range to repetition, component and subcomponent and copies only the value
 * it returns (most fields of a segment are never read, and a composite is read component by
 * component).
 *
 * <p>Field numbers are HL7's: for MSH (and FHS/BHS) field 1 is the field separator and field 2 the
 * encoding characters, read as one value.
 */
public final class V2Segment {

    private final String text;
    private final String name;
    /**
     * The text split at the field separator with HAPI's rules ({@link #count}): piece i is
     * {@code text[bounds[i] + 1, bounds[i + 1])}, empty = absent.
     */
    private final int[] bounds;
    private final Rare rare;
    private final int pieces;
    private final boolean delimiterDefining;
    private final EncodingCharacters enc;
    private final Escaping escaping;
    private final char fs;
    private final char rs;
    private final char cs;
    private final char ss;
    private final char esc;

    /**
     * Where a message holds its rarely used delimiters (repetition, subcomponent, escape): found
     * once per message, so a read asks "any in this range?" instead of scanning the field.
     */
    record Rare(int[] rs, int[] ss, int[] esc) {

        static Rare of(String text, EncodingCharacters enc) {
            return new Rare(positions(text, enc.getRepetitionSeparator()), positions(text, enc.getSubcomponentSeparator()),
                    positions(text, enc.getEscapeCharacter()));
        }

        /** Whether {@code at} (ascending) holds a position in [from, to). */
        static boolean any(int[] at, int from, int to) {
            if (at.length <= 8) {
                for (int p : at) {
                    if (p >= from) {
                        return p < to;
                    }
                }
                return false;
            }
            int i = Arrays.binarySearch(at, from);
            if (i < 0) {
                i = -i - 1;
            }
            return i < at.length && at[i] < to;
        }

        private static int[] positions(String text, char ch) {
            int[] at = new int[4];
            int n = 0;
            for (int i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
                if (n == at.length) {
                    at = Arrays.copyOf(at, n * 2);
                }
                at[n++] = i;
            }
            return Arrays.copyOf(at, n);
        }
    }

    /** The segment {@code text[from, end)} of a message. */
    V2Segment(String text, int from, int end, EncodingCharacters enc, Escaping escaping, Rare rare) {
        this.text = text;
        this.enc = enc;
        this.escaping = escaping;
        this.fs = enc.getFieldSeparator();
        this.rs = enc.getRepetitionSeparator();
        this.cs = enc.getComponentSeparator();
        this.ss = enc.getSubcomponentSeparator();
        this.esc = enc.getEscapeCharacter();
        this.rare = rare;
        // Field separators by String.indexOf (vectorized), positions kept: most fields are never read.
        int[] b = new int[24];
        b[0] = from - 1;
        int seps = 0;
        for (int i = text.indexOf(fs, from); i >= 0 && i < end; i = text.indexOf(fs, i + 1)) {
            if (seps + 3 > b.length) { // room for this separator and a last piece
                b = Arrays.copyOf(b, b.length * 2);
            }
            b[++seps] = i;
        }
        // HAPI's count: one piece per separator, plus one unless the text ends with a separator.
        if (from < end && text.charAt(end - 1) != fs) {
            b[++seps] = end;
        }
        this.pieces = seps;
        this.bounds = b;
        this.name = text.substring(from, seps > 0 && b[1] < end ? b[1] : end);
        // MSH-1 is the separator itself; the text's first field is MSH-2.
        this.delimiterDefining = "MSH".equals(name) || "FHS".equals(name) || "BHS".equals(name);
    }

    /** The segment id (MSH, PID, ZPV, ...), as HAPI names it. */
    public String getName() {
        return name;
    }

    /** Number of fields present in the text (trailing empty ones are not counted). */
    public int numFields() {
        return delimiterDefining ? pieces : pieces - 1;
    }

    /** How many repetitions HAPI would hold for a field (empty ones in the middle count). */
    public int repetitions(int field) {
        if (delimiterDefining && (field == 1 || field == 2)) {
            return field == 1 || piece(field) >= 0 && !empty(piece(field)) ? 1 : 0;
        }
        int p = piece(field);
        if (p < 0 || empty(p)) {
            return 0;
        }
        int s = bounds[p] + 1;
        int e = bounds[p + 1];
        return Rare.any(rare.rs(), s, e) ? count(text, s, e, rs) : 1;
    }

    /** Value at field/repetition(0-based)/component/subcomponent(1-based), unescaped, or null. */
    public String value(int field, int rep, int comp, int sub) {
        if (field < 1) {
            return null;
        }
        if (delimiterDefining && field <= 2) {
            // MSH-1 and MSH-2 are single values: never split, never unescaped.
            return rep == 0 && comp == 1 && sub == 1 ? header(field) : null;
        }
        long r = range(field, rep, comp, sub);
        if (r < 0) {
            return null;
        }
        int s = (int) (r >>> 32);
        int e = (int) r;
        String v = text.substring(s, e);
        return !Rare.any(rare.esc(), s, e) ? v : escaping.unescape(v, enc);
    }

    /**
     * {@link #value} stripped, with "" (two quotes, HL7's explicit null) and blanks as null: what
     * mappings read. Without escapes the value is trimmed in place, so only the result is copied.
     */
    String get(int field, int rep, int comp, int sub) {
        if (field < 1) {
            return null;
        }
        if (delimiterDefining && field <= 2) {
            return present(value(field, rep, comp, sub));
        }
        long r = range(field, rep, comp, sub);
        if (r < 0) {
            return null;
        }
        int s = (int) (r >>> 32);
        int e = (int) r;
        if (Rare.any(rare.esc(), s, e)) {
            return present(escaping.unescape(text.substring(s, e), enc));
        }
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (s == e || e - s == 2 && text.charAt(s) == '"' && text.charAt(s + 1) == '"') {
            return null;
        }
        return text.substring(s, e);
    }

    static String present(String v) {
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() || "\"\"".equals(v) ? null : v;
    }

    /** HAPI drops segments without any content (only separators) when it builds the message. */
    public boolean isEmpty() {
        if (delimiterDefining) {
            return false; // MSH-1 is always there
        }
        if (pieces < 2) {
            return true;
        }
        for (int k = bounds[1] + 1; k < bounds[pieces]; k++) {
            char ch = text.charAt(k);
            if (ch != fs && ch != rs && ch != cs && ch != ss) {
                return false;
            }
        }
        return true;
    }

    /** MSH-1 / MSH-2 as HAPI holds them (the separator; the encoding characters as sent). */
    private String header(int field) {
        if (field == 1) {
            return String.valueOf(fs);
        }
        int p = piece(field);
        return p < 0 || empty(p) ? null : text.substring(bounds[p] + 1, bounds[p + 1]);
    }

    /** The piece of the text holding a field (MSH-1 has none), or -1 when absent. */
    private int piece(int field) {
        int p = delimiterDefining && field >= 1 ? field - 1 : field;
        return field < 0 || p >= pieces || delimiterDefining && field == 1 ? -1 : p;
    }

    private boolean empty(int piece) {
        return bounds[piece] + 1 == bounds[piece + 1];
    }

    /**
     * start << 32 | end of a non-empty value, or -1 when absent or empty. A range without
     * repetition or subcomponent separators is not scanned for them (few fields have any).
     */
    private long range(int field, int rep, int comp, int sub) {
        int p = piece(field);
        if (p < 0 || empty(p)) {
            return -1;
        }
        int s = bounds[p] + 1;
        int e = bounds[p + 1];
        long r = (long) s << 32 | e;
        if (Rare.any(rare.rs(), s, e)) {
            r = piece(text, s, e, rs, rep);
        } else if (rep != 0) {
            return -1;
        }
        if (r >= 0) {
            r = piece(text, (int) (r >>> 32), (int) r, cs, comp - 1);
        }
        if (r >= 0) {
            s = (int) (r >>> 32);
            e = (int) r;
            if (Rare.any(rare.ss(), s, e)) {
                r = piece(text, s, e, ss, sub - 1);
            } else if (sub != 1) {
                return -1;
            }
        }
        return r;
    }

    /** The n-th (0-based) piece of {@code s[from, to)} between separators, as a range; -1 when absent or empty. */
    static long piece(String s, int from, int to, char sep, int n) {
        if (n < 0) {
            return -1;
        }
        int start = from;
        for (int i = 0; i < n; i++) {
            int next = indexOf(s, sep, start, to);
            if (next < 0) {
                return -1;
            }
            start = next + 1;
        }
        int end = indexOf(s, sep, start, to);
        if (end < 0) {
            end = to;
        }
        return end == start ? -1 : (long) start << 32 | end;
    }

    /**
     * First {@code ch} in {@code s[from, to)}, or -1. String.indexOf (vectorized) may look past
     * {@code to}, but a delimiter of this message is seldom far, and this beats a charAt loop.
     */
    static int indexOf(String s, char ch, int from, int to) {
        int i = s.indexOf(ch, from);
        return i < to ? i : -1;
    }

    /**
     * Pieces of {@code s[from, to)} as HAPI's {@code PipeParser.split} counts them: one per
     * separator, plus one when the text does not end with a separator (so "" has none and "a~" has one).
     */
    static int count(String s, int from, int to, char sep) {
        if (from >= to) {
            return 0;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == sep) {
                n++;
            }
        }
        return s.charAt(to - 1) == sep ? n : n + 1;
    }

    /** s split at sep with HAPI's {@code PipeParser.split} rules; empty pieces are null. */
    static String[] split(String s, char sep) {
        String[] out = new String[count(s, 0, s.length(), sep)];
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
