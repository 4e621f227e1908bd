package io.claimbridge.delivery.x12;

import java.io.OutputStream;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

/**
 * Thin layer over StAEDI's {@link EDIStreamWriter}: one call per segment, nulls for empty
 * elements, {@code String[]} for composites, trailing empties dropped (X12 forbids them), and a
 * segment counter for SE01. Checked StAEDI exceptions become {@link IllegalStateException}: by the
 * time we write, the facts were validated, so a failure here is a bug, not bad input.
 */
final class SegmentSink implements AutoCloseable {
    static final char SEGMENT = '~';
    static final char ELEMENT = '*';
    static final char COMPONENT = ':';
    static final char REPETITION = '^';

    private static final EDIOutputFactory FACTORY = factory();
    /** StAEDI's own 00501 envelope schema: ISA/GS/ST element syntax is checked as we write. */
    private static final Schema CONTROL_SCHEMA = controlSchema();

    private final EDIStreamWriter writer;
    private int count;

    SegmentSink(OutputStream out) {
        this.writer = FACTORY.createEDIStreamWriter(out);
        this.writer.setControlSchema(CONTROL_SCHEMA);
    }

    private static Schema controlSchema() {
        try {
            return SchemaFactory.newFactory().getControlSchema(EDIStreamConstants.Standards.X12, new String[] {"00501"});
        } catch (EDISchemaException e) {
            throw new IllegalStateException("StAEDI X12 00501 control schema not found", e);
        }
    }

    private static EDIOutputFactory factory() {
        EDIOutputFactory f = EDIOutputFactory.newFactory();
        f.setProperty(Delimiters.SEGMENT, SEGMENT);
        f.setProperty(Delimiters.DATA_ELEMENT, ELEMENT);
        f.setProperty(Delimiters.COMPONENT_ELEMENT, COMPONENT);
        f.setProperty(Delimiters.REPETITION, REPETITION);
        return f;
    }

    void startInterchange() {
        try {
            writer.startInterchange();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("X12 writer failed", e);
        }
    }

    void endInterchange() {
        try {
            writer.endInterchange();
            writer.flush();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("X12 writer failed", e);
        }
    }

    /** Resets the segment counter at ST so {@link #count()} after SE is SE01. */
    void resetCount() {
        count = 0;
    }

    int count() {
        return count;
    }

    /** Writes one segment; an element is a String, a String[] composite, or null (empty). */
    void segment(String tag, Object... elements) {
        int last = elements.length - 1;
        while (last >= 0 && isEmpty(elements[last])) {
            last--;
        }
        try {
            writer.writeStartSegment(tag);
            for (int i = 0; i <= last; i++) {
                Object e = elements[i];
                if (e instanceof String[] composite) {
                    writeComposite(composite);
                } else if (e == null) {
                    writer.writeEmptyElement();
                } else {
                    writer.writeElement((String) e);
                }
            }
            writer.writeEndSegment();
        } catch (EDIStreamException ex) {
            throw new IllegalStateException("X12 writer failed at segment " + tag, ex);
        }
        count++;
    }

    private void writeComposite(String[] components) throws EDIStreamException {
        int last = components.length - 1;
        while (last >= 0 && (components[last] == null || components[last].isEmpty())) {
            last--;
        }
        writer.writeStartElement();
        for (int i = 0; i <= last; i++) {
            if (components[i] == null || components[i].isEmpty()) {
                writer.writeEmptyComponent();
            } else {
                writer.writeComponent(components[i]);
            }
        }
        writer.endElement();
    }

    private static boolean isEmpty(Object e) {
        if (e == null) {
            return true;
        }
        if (e instanceof String s) {
            return s.isEmpty();
        }
        for (String c : (String[]) e) {
            if (c != null && !c.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("X12 writer failed", e);
        }
    }
}
