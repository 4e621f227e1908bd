package io.claimbridge.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine in its own JVM (same classpath as the tests), so a test can kill it like a power cut.
 * {@link #start} configures the {@link TestTokens}; {@link #startWithGeneratedToken} configures none,
 * so the engine uses (first making) {@code <data-dir>/api-token}. {@link #get} sends the token.
 */
public final class EngineProcess implements AutoCloseable {
    private final Process process;
    public final int httpPort;
    public final int mllpPort;
    private final Path dataDir;
    private String token;

    private EngineProcess(Process process, int httpPort, int mllpPort, Path dataDir, String token) {
        this.process = process;
        this.httpPort = httpPort;
        this.mllpPort = mllpPort;
        this.dataDir = dataDir;
        this.token = token;
    }

    public static EngineProcess start(Path dataDir, int httpPort, int mllpPort, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(TestTokens.engineArgs());
        args.addAll(List.of(extraArgs));
        return start(dataDir, httpPort, mllpPort, TestTokens.ALL, args);
    }

    /** No configured tokens: the engine generates (or reuses) the token file in its data dir. */
    public static EngineProcess startWithGeneratedToken(Path dataDir, int httpPort, int mllpPort) throws Exception {
        EngineProcess e = start(dataDir, httpPort, mllpPort, null, List.of());
        e.token = Files.readString(e.tokenFile()).trim();
        return e;
    }

    public Path tokenFile() {
        return dataDir.resolve("api-token");
    }

    /** The engine's console output (it is kept next to the data dir). */
    public Path logFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-engine.log");
    }

    private static EngineProcess start(Path dataDir, int httpPort, int mllpPort, String token, List<String> extraArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "io.claimbridge.ClaimbridgeApplication",
                "--server.port=" + httpPort,
                "--claimbridge.mllp.port=" + mllpPort,
                "--claimbridge.data-dir=" + dataDir));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-engine.log").toFile())
                .start();
        EngineProcess e = new EngineProcess(p, httpPort, mllpPort, dataDir, token);
        e.awaitHealthy(Duration.ofSeconds(60));
        return e;
    }

    /** GET with the engine's token; the body (of whatever status). */
    public String get(String path) throws IOException, InterruptedException {
        return send(path, token).body();
    }

    /** GET with this token (none when null). */
    public HttpResponse<String> send(String path, String bearerToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("engine exited with " + process.exitValue());
            }
            try {
                if (send("/actuator/health", null).body().startsWith("{\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("engine not healthy in " + timeout);
    }

    /** One sender of a load test: sends until {@code stop} is set or its connection dies. */
    @FunctionalInterface
    public interface Sender {
        void run(int thread, java.util.concurrent.atomic.AtomicBoolean stop) throws Exception;
    }

    /**
     * Runs {@code threads} senders until {@code enough} holds, then kills the engine (SIGKILL) in the
     * middle of their traffic and waits until every sender has noticed.
     */
    public void killUnderLoad(int threads, java.util.function.BooleanSupplier enough, Sender sender) throws Exception {
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                try {
                    sender.run(thread, stop);
                } catch (Exception connectionKilled) {
                    // expected once the engine dies
                }
                return null;
            }));
        }
        while (!enough.getAsBoolean()) {
            Thread.sleep(10);
        }
        kill();
        stop.set(true);
        for (var f : running) {
            f.get();
        }
        pool.shutdown();
    }

    /** SIGKILL: no shutdown hooks, no graceful close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
