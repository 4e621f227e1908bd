package io.claimbridge.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The engine in its own JVM (same classpath as the tests), so a test can kill it like a power cut. */
public final class EngineProcess implements AutoCloseable {
    private final Process process;
    public final int httpPort;
    public final int mllpPort;

    private EngineProcess(Process process, int httpPort, int mllpPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.mllpPort = mllpPort;
    }

    public static EngineProcess start(Path dataDir, int httpPort, int mllpPort, String... extraArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "io.claimbridge.ClaimbridgeApplication",
                "--server.port=" + httpPort,
                "--claimbridge.mllp.port=" + mllpPort,
                "--claimbridge.data-dir=" + dataDir));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-engine.log").toFile())
                .start();
        EngineProcess e = new EngineProcess(p, httpPort, mllpPort);
        e.awaitHealthy(Duration.ofSeconds(60));
        return e;
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("engine exited with " + process.exitValue());
            }
            try {
                if (get("/actuator/health").startsWith("{\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("engine not healthy in " + timeout);
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
