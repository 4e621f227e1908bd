package io.claimbridge.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * End-to-end throughput of the running engine: office encounters (ADT^A04 + DFT^P03, each visit
 * its own account number) go in over MLLP on several connections; the clock stops when the 837
 * files in the outbox hold one CLM per encounter. Prints encounters/s and messages/s.
 *
 * <p>Usage: E2eLoad HOST PORT OUTBOX_DIR A04_TEMPLATE P03_TEMPLATE ENCOUNTERS CONNECTIONS [WARMUP [ENGINE_PID]]
 */
public final class E2eLoad {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path outbox = Path.of(args[2]);
        String a04 = Files.readString(Path.of(args[3])).replace("\r\n", "\r").replace('\n', '\r');
        String p03 = Files.readString(Path.of(args[4])).replace("\r\n", "\r").replace('\n', '\r');
        int encounters = Integer.parseInt(args[5]);
        int connections = Integer.parseInt(args[6]);
        int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        long enginePid = args.length > 8 ? Long.parseLong(args[8]) : -1;

        if (warmup > 0) {
            // The engine's JIT compiles the whole pipeline during its first thousands of messages; a
            // running engine has long done that, so the measured run starts after a warm-up run.
            Result w = run(host, port, outbox, a04, p03, warmup, connections, "W");
            System.out.printf("%-44s %10.0f  (%d encounters, not counted)%n", "warm-up encounters per second", w.perSecond(), warmup);
        }
        long cpuBefore = cpuTicks(enginePid);
        Result r = run(host, port, outbox, a04, p03, encounters, connections, "M");
        long cpuTicks = cpuTicks(enginePid) - cpuBefore;

        System.out.printf("%n%-44s %10s%n", "end to end (MLLP in -> 837P file written)", "");
        System.out.printf("%-44s %10d%n", "encounters sent (A04 + P03 each)", encounters);
        System.out.printf("%-44s %10d%n", "messages not acknowledged AA", r.rejected());
        System.out.printf("%-44s %10d%n", "claims found in 837 files", r.claims());
        System.out.printf("%-44s %10.0f%n", "messages acked per second", 2 * encounters / r.ackedSeconds());
        System.out.printf("%-44s %10.1f%n", "seconds until every claim was in a file", r.seconds());
        System.out.printf("%-44s %10.0f%n", "encounters per second, end to end", r.perSecond());
        if (enginePid > 0) {
            double cpuSeconds = cpuTicks / 100.0;
            System.out.printf("%-44s %10.1f%n", "engine CPU seconds (user+sys)", cpuSeconds);
            System.out.printf("%-44s %10.3f%n", "engine CPU ms per encounter", 1000 * cpuSeconds / encounters);
        }
    }

    record Result(int claims, int rejected, double ackedSeconds, double seconds) {
        double perSecond() {
            return claims / seconds;
        }
    }

    /** Sends one run of encounters (visit numbers unique to the run) and waits for all their claims in the outbox. */
    static Result run(String host, int port, Path outbox, String a04, String p03, int encounters, int connections,
                      String label) throws Exception {
        String account = field(segment(a04, "PID"), 18);
        String run = label + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        int before = countClaims(outbox);

        AtomicInteger next = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    for (int n; (n = next.getAndIncrement()) < encounters; ) {
                        String acct = "E2E" + run + "X" + n;
                        for (String template : new String[] {a04, p03}) {
                            String controlId = field(segment(template, "MSH"), 10);
                            String m = template.replace(account, acct).replace("|" + controlId + "|", "|" + acct + controlId + "|");
                            MllpLoad.send(out, m.getBytes(StandardCharsets.UTF_8));
                            String ack = MllpLoad.read(in);
                            if (ack == null || !ack.contains("MSA|AA|")) {
                                rejected.incrementAndGet();
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            senders.add(t);
            t.start();
        }
        for (Thread t : senders) {
            t.join();
        }
        double ackedSeconds = (System.nanoTime() - start) / 1e9;
        int claims;
        long deadline = System.nanoTime() + 600_000_000_000L;
        while ((claims = countClaims(outbox) - before) < encounters && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return new Result(claims, rejected.get(), ackedSeconds, (System.nanoTime() - start) / 1e9);
    }

    /** user+sys clock ticks (USER_HZ, 100 on Linux) of a process, or 0 when not asked for. */
    static long cpuTicks(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CLM count per finished 837 file (files are written whole, temp then rename, and never change after). */
    private static final java.util.Map<Path, Integer> COUNTED = new java.util.HashMap<>();

    /** CLM segments in every 837 file of the outbox; each file is read once. */
    static int countClaims(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(outbox)) {
            files = listing.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        int n = 0;
        for (Path f : files) {
            Integer known = COUNTED.get(f);
            if (known == null) {
                String x12 = Files.readString(f, StandardCharsets.ISO_8859_1);
                int c = 0;
                for (int i = x12.indexOf("~CLM*"); i >= 0; i = x12.indexOf("~CLM*", i + 1)) {
                    c++;
                }
                COUNTED.put(f, known = c);
            }
            n += known;
        }
        return n;
    }

    private static String segment(String message, String id) {
        for (String s : message.split("\r")) {
            if (s.startsWith(id + "|")) {
                return s;
            }
        }
        throw new IllegalArgumentException("no " + id);
    }

    private static String field(String segment, int n) {
        String[] f = segment.split("\\|", -1);
        return segment.startsWith("MSH") ? f[n - 1] : f[n];
    }
}
