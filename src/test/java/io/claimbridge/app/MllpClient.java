package io.claimbridge.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw-socket MLLP peer for tests that must send what a proper client never would. */
public final class MllpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over an already connected socket, e.g. a TLS one. */
    public MllpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendFrame(byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 3);
        b.write(0x0B);
        b.write(payload);
        b.write(0x1C);
        b.write(0x0D);
        sendRaw(b.toByteArray());
    }

    /** The next framed reply's payload, or null when none comes within the timeout. */
    public String readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean started = false;
        try {
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                if (!started) {
                    started = c == 0x0B;
                    continue;
                }
                if (c == 0x1C) {
                    in.read(); // trailing CR
                    return b.toString(StandardCharsets.ISO_8859_1);
                }
                b.write(c);
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    public String exchange(String message) throws IOException {
        sendFrame(message.getBytes(StandardCharsets.UTF_8));
        return readFrame(10_000);
    }

    public String exchange(byte[] message) throws IOException {
        sendFrame(message);
        return readFrame(10_000);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Field n (1-based, MSH-1 counted) of the first segment named seg. */
    public static String field(String message, String seg, int n) {
        for (String s : message.split("\r")) {
            if (s.startsWith(seg)) {
                String[] f = s.split("\\|", -1);
                int i = seg.equals("MSH") ? n - 1 : n;
                return i < f.length ? f[i] : "";
            }
        }
        return null;
    }
}
