package io.claimbridge.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Reads MLLP frames (VT payload FS CR) from one connection, never trusting the peer:
 * bytes outside a frame are counted and skipped, a start block inside a frame drops the
 * unterminated part, a frame over the size limit is read to its end but only its first
 * {@code maxBytes} are kept (memory stays bounded, and the sender still gets an answer),
 * and a frame left incomplete for longer than the read timeout is dropped.
 */
public final class MllpFrameReader {
    static final int VT = 0x0B;
    static final int FS = 0x1C;
    static final int CR = 0x0D;

    /** One complete frame. {@code totalBytes} > payload length means it was over the limit. */
    public record Frame(byte[] payload, long totalBytes, long skippedBefore, long droppedUnterminated) {
        public boolean oversize() {
            return totalBytes > payload.length;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final long frameTimeoutMillis;
    private final byte[] chunk = new byte[16 * 1024];
    private int pos;
    private int limit;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(4096);

    /** @param in a socket stream whose SO_TIMEOUT is short (the reader re-checks its own timeout) */
    public MllpFrameReader(InputStream in, int maxBytes, long frameTimeoutMillis) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.frameTimeoutMillis = frameTimeoutMillis;
    }

    /** The next frame, or null at end of stream. Partial frames timed out are reported through {@code droppedUnterminated}. */
    public Frame next() throws IOException {
        boolean inside = false;
        long total = 0;
        long skipped = 0;
        long dropped = 0;
        long frameStarted = 0;
        frame.reset();
        while (true) {
            if (pos >= limit) {
                try {
                    limit = in.read(chunk);
                    pos = 0;
                } catch (SocketTimeoutException e) {
                    limit = 0;
                    pos = 0;
                    if (inside && System.currentTimeMillis() - frameStarted > frameTimeoutMillis) {
                        dropped += total;
                        inside = false;
                        total = 0;
                        frame.reset();
                        throw new FrameTimeoutException(dropped);
                    }
                    continue;
                }
                if (limit < 0) {
                    limit = 0;
                    if (inside) {
                        throw new FrameTimeoutException(dropped + total);
                    }
                    return null;
                }
            }
            if (!inside) {
                // skip to the next start block
                while (pos < limit && chunk[pos] != VT) {
                    if (chunk[pos] != CR && chunk[pos] != '\n') {
                        skipped++; // line ends between frames are normal, anything else is garbage
                    }
                    pos++;
                }
                if (pos < limit) {
                    pos++;
                    inside = true;
                    frameStarted = System.currentTimeMillis();
                }
                continue;
            }
            int start = pos;
            while (pos < limit && chunk[pos] != FS && chunk[pos] != VT) {
                pos++;
            }
            append(start, pos - start, total);
            total += pos - start;
            if (pos >= limit) {
                continue;
            }
            if (chunk[pos] == VT) {
                // the previous frame never ended: its bytes are dropped, a new frame starts here
                dropped += total;
                total = 0;
                frame.reset();
                pos++;
                frameStarted = System.currentTimeMillis();
                continue;
            }
            pos++; // FS
            skipTrailingCr();
            return new Frame(frame.toByteArray(), total, skipped, dropped);
        }
    }

    private void append(int from, int len, long alreadyRead) {
        if (len <= 0 || alreadyRead >= maxBytes) {
            return;
        }
        int keep = (int) Math.min(len, maxBytes - alreadyRead);
        frame.write(chunk, from, keep);
    }

    /** The CR after FS, if it is already here; a missing CR is tolerated. */
    private void skipTrailingCr() {
        if (pos < limit && chunk[pos] == CR) {
            pos++;
        }
    }

    /** A frame was started but not finished in time, or the connection closed inside it. */
    public static final class FrameTimeoutException extends IOException {
        private final long droppedBytes;

        FrameTimeoutException(long droppedBytes) {
            super("incomplete MLLP frame dropped (" + droppedBytes + " bytes)");
            this.droppedBytes = droppedBytes;
        }

        public long droppedBytes() {
            return droppedBytes;
        }
    }
}
