package io.claimbridge.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an HL7 v2 batch file into its messages: each message starts at an MSH segment; the
 * batch envelope (FHS, BHS, BTS, FTS) and MLLP framing bytes are not part of any message.
 * Each message keeps its original bytes, segment ends included.
 */
public final class BatchFileSplitter {
    private BatchFileSplitter() {
    }

    /** The messages and the counts the envelope trailers declared (BTS-1 when present, else -1). */
    public record Batch(List<byte[]> messages, int declaredCount) {
    }

    public static Batch split(byte[] file) {
        List<byte[]> messages = new ArrayList<>();
        int declared = -1;
        int messageStart = -1;
        int lineStart = 0;
        int n = file.length;
        while (lineStart < n) {
            int lineEnd = lineStart;
            while (lineEnd < n && file[lineEnd] != '\r' && file[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = lineEnd;
            while (next < n && (file[next] == '\r' || file[next] == '\n')) {
                next++;
            }
            int s = lineStart;
            while (s < lineEnd && (file[s] == 0x0B || file[s] == 0x1C || file[s] == (byte) 0xEF
                    || file[s] == (byte) 0xBB || file[s] == (byte) 0xBF)) {
                s++; // framing or BOM bytes before a segment
            }
            if (s == lineEnd && s > lineStart && file[lineStart] == 0x1C) {
                // an MLLP end block on its own line closes the current message
                if (messageStart >= 0) {
                    messages.add(java.util.Arrays.copyOfRange(file, messageStart, lineStart));
                    messageStart = -1;
                }
                lineStart = next;
                continue;
            }
            String id = segmentId(file, s, lineEnd);
            switch (id) {
                case "MSH" -> {
                    if (messageStart >= 0) {
                        messages.add(java.util.Arrays.copyOfRange(file, messageStart, lineStart));
                    }
                    messageStart = s;
                }
                case "FHS", "BHS", "BTS", "FTS" -> {
                    if (messageStart >= 0) {
                        messages.add(java.util.Arrays.copyOfRange(file, messageStart, lineStart));
                        messageStart = -1;
                    }
                    if (id.equals("BTS")) {
                        declared = count(file, s, lineEnd);
                    }
                }
                default -> {
                    // part of the current message (or stray text before the first MSH, ignored)
                }
            }
            lineStart = next;
        }
        if (messageStart >= 0) {
            int end = n;
            while (end > messageStart && (file[end - 1] == 0x1C || file[end - 1] == 0x0B)) {
                end--;
            }
            messages.add(java.util.Arrays.copyOfRange(file, messageStart, end));
        }
        return new Batch(messages, declared);
    }

    private static String segmentId(byte[] b, int from, int to) {
        if (to - from < 3) {
            return "";
        }
        return new String(b, from, 3, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** BTS-1 batch message count. */
    private static int count(byte[] b, int from, int to) {
        if (to - from < 5) {
            return -1;
        }
        byte sep = b[from + 3];
        int end = from + 4;
        while (end < to && b[end] != sep) {
            end++;
        }
        try {
            return Integer.parseInt(new String(b, from + 4, end - from - 4, java.nio.charset.StandardCharsets.ISO_8859_1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
