package io.claimbridge.normalize.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in an HL7v2 message, as analysts write it in {@code mappings/}:
 * {@code SEG-field[.component[.subcomponent]]}, e.g. {@code PID-18}, {@code PV1-19.1}, {@code ZPV-2.1}.
 * Always the first occurrence of the segment and the first repetition of the field; a path
 * without component means component 1 (the identifier/code of a composite).
 */
public record FieldPath(String segment, int field, int component, int subcomponent) {

    private static final Pattern SYNTAX = Pattern.compile("([A-Z][A-Z0-9]{2})-(\\d{1,3})(?:\\.(\\d{1,2})(?:\\.(\\d{1,2}))?)?");

    public FieldPath {
        if (field < 1 || component < 1 || subcomponent < 1) {
            throw new IllegalArgumentException("field, component and subcomponent start at 1");
        }
    }

    /** Parses the documented syntax; throws {@link IllegalArgumentException} with the reason. */
    public static FieldPath parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a field path (expected e.g. PID-18, PV1-19.1, ZPV-2.1)");
        }
        int comp = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int sub = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        return new FieldPath(m.group(1), Integer.parseInt(m.group(2)), comp, sub);
    }

    public boolean isZSegment() {
        return segment.startsWith("Z");
    }

    @Override
    public String toString() {
        return segment + "-" + field + "." + component + "." + subcomponent;
    }
}
