package io.claimbridge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * Load generator for the running engine: closed-loop MLLP senders (each waits for its ACK before
 * sending the next message) at several connection counts, an open-loop run at half the peak rate
 * for latency under normal load, and — in the same run, on the same messages — HAPI parsing alone,
 * the ceiling an engine that parses every message before acking cannot pass.
 *
 * <p>Usage: MllpLoad HOST PORT SAMPLE_DIR SECONDS_PER_STEP
 */
public final class MllpLoad {
    private static final int VT = 0x0B;
    private static final int FS = 0x1C;

    record Result(String name, int connections, long messages, double seconds, long[] latenciesMicros, long errors) {
        double rate() {
            return messages / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p / 100.0 * latenciesMicros.length) - 1);
            return latenciesMicros[Math.max(i, 0)] / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        List<String> templates = loadSamples(Path.of(args[2]));
        int seconds = Integer.parseInt(args[3]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        // warm the engine (JIT, connection pools) before measuring
        closedLoop(host, port, templates, 4, Math.max(3, seconds / 2), run + "w");

        List<Result> results = new ArrayList<>();
        for (int c : new int[] {1, 4, 16}) {
            results.add(closedLoop(host, port, templates, c, seconds, run + "c" + c));
        }
        double peak = results.get(results.size() - 1).rate();
        results.add(openLoop(host, port, templates, 16, peak / 2, seconds, run + "h"));
        Result hapi1 = hapiParse(templates, 1, seconds);
        Result hapi2 = hapiParse(templates, 2, seconds);

        System.out.println();
        System.out.printf("%-38s %6s %10s %9s %9s %7s %10s%n", "run", "conns", "msg/s", "p50 ms", "p99 ms", "errors", "vs HAPI");
        for (Result r : List.of(results.get(0), results.get(1), results.get(2), results.get(3), hapi1, hapi2)) {
            System.out.printf("%-38s %6s %10.0f %9s %9s %7d %9.2fx%n", r.name(),
                    r.connections() == 0 ? "-" : String.valueOf(r.connections()), r.rate(),
                    fmt(r.percentileMillis(50)), fmt(r.percentileMillis(99)), r.errors(), r.rate() / hapi2.rate());
        }
        System.out.println();
        System.out.println("vs HAPI = rate / (HAPI parse-only on 2 threads, same messages, same run)");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }

    static List<String> loadSamples(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".hl7")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no .hl7 samples under " + dir);
        }
        return out;
    }

    /** Sample with a unique MSH-10 so each message is a new store write, not a resend. */
    static byte[] message(List<String> templates, long n, String prefix) {
        String t = templates.get((int) (n % templates.size()));
        String[] fields = t.substring(0, t.indexOf('\r')).split("\\|", -1);
        String controlId = fields[9];
        return t.replaceFirst("\\|" + java.util.regex.Pattern.quote(controlId) + "\\|", "|" + prefix + "-" + n + "|")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Result closedLoop(String host, int port, List<String> templates, int connections, int seconds, String prefix)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[connections];
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            int thread = t;
            long[] lat = new long[4_000_000];
            perThread.add(lat);
            Thread th = new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                    long i = 0;
                    while (System.nanoTime() < end && i < lat.length) {
                        byte[] m = message(templates, i, prefix + "-" + thread);
                        long t0 = System.nanoTime();
                        send(out, m);
                        String ack = read(in);
                        lat[(int) i] = (System.nanoTime() - t0) / 1000;
                        if (ack == null || !ack.contains("MSA|AA|")) {
                            errors.incrementAndGet();
                        }
                        i++;
                    }
                    counts[thread] = i;
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Result("MLLP closed loop, ack after commit", connections, Arrays.stream(counts).sum(), secs,
                merge(perThread, counts), errors.get());
    }

    /** Sends at a fixed total rate regardless of answers (latency measured from the scheduled send time). */
    static Result openLoop(String host, int port, List<String> templates, int connections, double rate, int seconds,
                           String prefix) throws Exception {
        double perConnInterval = connections / rate * 1e9;
        long start = System.nanoTime() + 100_000_000L;
        long end = start + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int t = 0; t < connections; t++) {
            int thread = t;
            long[] lat = new long[2_000_000];
            perThread.add(lat);
            new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                    long i = 0;
                    long offset = (long) (perConnInterval * thread / connections);
                    while (i < lat.length) {
                        long scheduled = start + offset + (long) (i * perConnInterval);
                        if (scheduled > end) {
                            break;
                        }
                        long now;
                        while ((now = System.nanoTime()) < scheduled) {
                            long wait = scheduled - now;
                            if (wait > 200_000) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait - 100_000);
                            }
                        }
                        send(out, message(templates, i, prefix + "-" + thread));
                        String ack = read(in);
                        lat[(int) i] = (System.nanoTime() - scheduled) / 1000;
                        if (ack == null || !ack.contains("MSA|AA|")) {
                            errors.incrementAndGet();
                        }
                        i++;
                    }
                    counts[thread] = i;
                } catch (IOException e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double secs = (end - start) / 1e9;
        return new Result(String.format("MLLP open loop at half peak (%.0f/s)", rate), connections,
                Arrays.stream(counts).sum(), secs, merge(perThread, counts), errors.get());
    }

    static Result hapiParse(List<String> templates, int threads, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[] counts = new long[threads];
        List<Thread> ts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try (HapiContext ctx = new DefaultHapiContext()) {
                    ctx.setModelClassFactory(new CanonicalModelClassFactory("2.8.1"));
                    ctx.setValidationContext(ValidationContextFactory.noValidation());
                    PipeParser parser = ctx.getPipeParser();
                    long i = 0;
                    while (System.nanoTime() < end) {
                        parser.parse(new String(message(templates, i, "P" + thread), StandardCharsets.UTF_8));
                        i++;
                    }
                    counts[thread] = i;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Result("HAPI parse only, " + threads + " thread" + (threads > 1 ? "s" : ""), 0,
                Arrays.stream(counts).sum(), secs, new long[0], 0);
    }

    private static long[] merge(List<long[]> perThread, long[] counts) {
        int total = (int) Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < perThread.size(); t++) {
            System.arraycopy(perThread.get(t), 0, all, k, (int) counts[t]);
            k += (int) counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    static void send(OutputStream out, byte[] m) throws IOException {
        byte[] framed = new byte[m.length + 3];
        framed[0] = VT;
        System.arraycopy(m, 0, framed, 1, m.length);
        framed[m.length + 1] = FS;
        framed[m.length + 2] = '\r';
        out.write(framed);
        out.flush();
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        int c;
        while ((c = in.read()) >= 0 && c != VT) {
            // skip to start block
        }
        while ((c = in.read()) >= 0 && c != FS) {
            b.write(c);
        }
        in.read(); // CR
        return c < 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
