package io.claimbridge.normalize.hl7v2;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * Parses HL7v2 ER7 text of any version 2.3–2.8.x into the v2.8.1 structures (one code path for all
 * versions: fields are positional, so older messages land in the same places), validation off,
 * unknown and Z-segments kept. Thread-safe after construction.
 */
public final class Hl7v2Parser {

    /** An encounter message is kilobytes; anything this big is refused before HAPI builds a model of it. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private final PipeParser parser;

    public Hl7v2Parser() {
        HapiContext ctx = new DefaultHapiContext(new CanonicalModelClassFactory("2.8.1"));
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.getParserConfiguration().setValidating(false);
        // Never let the parser emit (or require) anything beyond what is in the text.
        ctx.getParserConfiguration().setEncodeEmptyMandatoryFirstSegments(false);
        this.parser = ctx.getPipeParser();
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
            Message m = parser.parse(withKnownVersion(text));
            List<Segment> segments = new ArrayList<>();
            flatten(m, segments);
            return new V2Message(segments, m.getName());
        } catch (HL7Exception e) {
            // HAPI's message names the segment/field, never the value.
            throw new Hl7v2Exception("unparseable HL7v2: " + e.getMessage(), e);
        }
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
        String msh = end < 0 ? text : text.substring(0, end);
        String[] f = msh.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        if (f.length < 12) {
            return text;
        }
        char cs = f[1].isEmpty() ? '^' : f[1].charAt(0);
        String v = f[11];
        int c = v.indexOf(cs);
        String id = c < 0 ? v : v.substring(0, c);
        if (ca.uhn.hl7v2.Version.versionOf(id) != null) {
            return text;
        }
        f[11] = "2.8.1" + (c < 0 ? "" : v.substring(c));
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

    private static String clean(String raw) {
        String t = raw.replace("\u000b", "").replace("\u001c", "");
        t = t.replace("\r\n", "\r").replace('\n', '\r');
        // Strip leading whitespace/BOM; keep the segment terminators.
        int i = 0;
        while (i < t.length() && (Character.isWhitespace(t.charAt(i)) || t.charAt(i) == '\ufeff')) {
            i++;
        }
        return t.substring(i);
    }

    /** Segments in message order; groups are only HAPI's way of holding them. */
    private static void flatten(Group g, List<Segment> out) throws HL7Exception {
        for (String name : g.getNames()) {
            for (Structure s : g.getAll(name)) {
                if (s instanceof Segment seg) {
                    if (!seg.isEmpty()) {
                        out.add(seg);
                    }
                } else if (s instanceof Group sub) {
                    flatten(sub, out);
                }
            }
        }
    }
}
