package io.claimbridge.normalize.hl7v2;

import java.util.List;
import java.util.Optional;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import io.claimbridge.normalize.mapping.FieldPath;

/** A parsed message as a flat, ordered list of segments with null-safe positional reads. */
public final class V2Message {

    private final List<Segment> segments;
    private final String structure;

    V2Message(List<Segment> segments, String parsedStructure) {
        this.segments = List.copyOf(segments);
        // MSH-9.3 when sent, else the structure HAPI chose for the trigger (A08 → ADT_A01).
        String declared = first("MSH").map(s -> get(s, 9, 0, 3, 1)).orElse(null);
        this.structure = declared != null ? declared : parsedStructure;
    }

    /** Message structure, e.g. ADT_A01, DFT_P03 (keys {@code structures:} in mapping files). */
    public String structure() {
        return structure;
    }

    public List<Segment> segments() {
        return segments;
    }

    public List<Segment> all(String name) {
        return segments.stream().filter(s -> s.getName().equals(name)).toList();
    }

    public Optional<Segment> first(String name) {
        return segments.stream().filter(s -> s.getName().equals(name)).findFirst();
    }

    /** Value at a mapping path, or null when the segment/field is absent or empty. */
    public String get(FieldPath p) {
        return first(p.segment()).map(s -> get(s, p.field(), 0, p.component(), p.subcomponent())).orElse(null);
    }

    /** The field a path names, as a composite view (for XCN/CWE/... read component by component). */
    public Optional<V2Field> field(FieldPath p) {
        return first(p.segment()).map(s -> new V2Field(s, p.field(), 0));
    }

    public static String get(Segment s, int field, int rep, int comp, int sub) {
        try {
            if (field > s.numFields() || rep >= s.getField(field).length) {
                return null;
            }
            String v = Terser.get(s, field, rep, comp, sub);
            if (v == null) {
                return null;
            }
            v = v.strip();
            // "" (two quotes) is HL7's explicit null: treat as absent for mapping.
            return v.isEmpty() || "\"\"".equals(v) ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    public static int repetitions(Segment s, int field) {
        try {
            return field > s.numFields() ? 0 : s.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    public static List<V2Field> fields(Segment s, int field) {
        int n = repetitions(s, field);
        return java.util.stream.IntStream.range(0, n).mapToObj(r -> new V2Field(s, field, r)).toList();
    }

    public static V2Field field(Segment s, int field) {
        return new V2Field(s, field, 0);
    }
}
