package io.claimbridge.normalize.hl7v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.claimbridge.normalize.mapping.FieldPath;

/** A parsed message as a flat, ordered list of segments with null-safe positional reads. */
public final class V2Message {

    private final List<V2Segment> segments;
    private final String structure;

    V2Message(List<V2Segment> segments, String parsedStructure) {
        this.segments = List.copyOf(segments);
        // MSH-9.3 when sent, else the structure HAPI chooses for the trigger (A08 → ADT_A01).
        String declared = first("MSH").map(s -> get(s, 9, 0, 3, 1)).orElse(null);
        this.structure = declared != null ? declared : parsedStructure;
    }

    /** Message structure, e.g. ADT_A01, DFT_P03 (keys {@code structures:} in mapping files). */
    public String structure() {
        return structure;
    }

    public List<V2Segment> segments() {
        return segments;
    }

    // Plain loops: these run dozens of times per message over a dozen segments.
    public List<V2Segment> all(String name) {
        List<V2Segment> out = new ArrayList<>(4);
        for (V2Segment s : segments) {
            if (s.getName().equals(name)) {
                out.add(s);
            }
        }
        return out;
    }

    public Optional<V2Segment> first(String name) {
        for (V2Segment s : segments) {
            if (s.getName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Value at a mapping path, or null when the segment/field is absent or empty. */
    public String get(FieldPath p) {
        for (V2Segment s : segments) {
            if (s.getName().equals(p.segment())) {
                return get(s, p.field(), 0, p.component(), p.subcomponent());
            }
        }
        return null;
    }

    /** The field a path names, as a composite view (for XCN/CWE/... read component by component). */
    public Optional<V2Field> field(FieldPath p) {
        return first(p.segment()).map(s -> new V2Field(s, p.field(), 0));
    }

    /** Value stripped; "" (two quotes) is HL7's explicit null: absent for mapping, like an empty value. */
    public static String get(V2Segment s, int field, int rep, int comp, int sub) {
        return s.get(field, rep, comp, sub);
    }

    public static int repetitions(V2Segment s, int field) {
        return s.repetitions(field);
    }

    public static List<V2Field> fields(V2Segment s, int field) {
        int n = repetitions(s, field);
        if (n == 0) {
            return List.of();
        }
        List<V2Field> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            out.add(new V2Field(s, field, r));
        }
        return out;
    }

    public static V2Field field(V2Segment s, int field) {
        return new V2Field(s, field, 0);
    }
}
