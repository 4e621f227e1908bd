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
 * <p>Usage: E2eLoad HOST PORT OUTBOX_DIR A04_TEMPLATE P03_TEMPLATE ENCOUNTERS CONNECTIONS
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
        String account = field(segment(a04, "PID"), 18);
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
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
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%n%-44s %10s%n", "end to end (MLLP in -> 837P file written)", "");
        System.out.printf("%-44s %10d%n", "encounters sent (A04 + P03 each)", encounters);
        System.out.printf("%-44s %10d%n", "messages not acknowledged AA", rejected.get());
        System.out.printf("%-44s %10d%n", "claims found in 837 files", claims);
        System.out.printf("%-44s %10.0f%n", "messages acked per second", 2 * encounters / ackedSeconds);
        System.out.printf("%-44s %10.1f%n", "seconds until every claim was in a file", seconds);
        System.out.printf("%-44s %10.0f%n", "encounters per second, end to end", claims / seconds);
    }

    /** CLM segments in every 837 file of the outbox (files are written whole: temp then rename). */
    static int countClaims(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                String x12 = Files.readString(f, StandardCharsets.ISO_8859_1);
                for (int i = x12.indexOf("~CLM*"); i >= 0; i = x12.indexOf("~CLM*", i + 1)) {
                    n++;
                }
            }
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
