package io.claimbridge.delivery.x12;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.imsweb.x12.Loop;
import com.imsweb.x12.Segment;
import com.imsweb.x12.reader.X12Reader;

/** An interchange read back by the independent x12-parser, plus its raw segments for counting. */
record X12Parsed(X12Reader reader, List<String> rawSegments) {

    static X12Parsed parse(byte[] bytes, X12Reader.FileType type) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        try {
            X12Reader reader = new X12Reader(type, new StringReader(text));
            List<String> raw = new ArrayList<>(Arrays.asList(text.split("~")));
            raw.removeIf(String::isBlank);
            return new X12Parsed(reader, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Loop interchange() {
        return reader.getLoops().get(0);
    }

    List<Loop> all(String loopId) {
        return interchange().findLoop(loopId);
    }

    List<String> errors() {
        List<String> all = new ArrayList<>(reader.getErrors());
        all.addAll(reader.getFatalErrors());
        return all;
    }

    /** The interchange as text, segments ended by ~. */
    String text() {
        return String.join("~", rawSegments) + "~";
    }

        /** Segments between the n-th ST and its SE, both included (what SE01 must count). */
    int rawTransactionSize(int n) {
        int seen = -1;
        int count = 0;
        for (String s : rawSegments) {
            if (s.startsWith("ST*")) {
                seen++;
            }
            if (seen == n) {
                count++;
                if (s.startsWith("SE*")) {
                    return count;
                }
            }
        }
        throw new IllegalArgumentException("no transaction " + n);
    }

    static String element(Segment s, int index) {
        return s.getElement(s.getId() + String.format("%02d", index)) == null ? null
                : s.getElementValue(s.getId() + String.format("%02d", index));
    }
}
