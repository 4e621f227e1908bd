package io.claimbridge.bench.normalize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HL7v2 workload: every ADT/DFT sample message of the engine's tests
 * ({@code src/test/resources/hl7/*.hl7} and {@code hl7/samples/v*}/), one message per file
 * (batch files left out), line ends as on the wire (CR).
 *
 * @param root the repository root the files were read from
 * @param texts the messages, in file order
 */
record BenchMessages(Path root, List<String> texts) {

    /** The repository from -Dclaimbridge.root, else . or .. (run from the root or bench/). */
    static BenchMessages load() throws IOException {
        Path root = findRoot();
        Path dir = root.resolve("src/test/resources/hl7");
        List<String> texts;
        try (Stream<Path> files = Files.walk(dir)) {
            texts = files.filter(p -> p.getFileName().toString().endsWith(".hl7"))
                    .filter(p -> !p.getFileName().toString().startsWith("batch"))
                    .sorted()
                    .map(BenchMessages::read)
                    .toList();
        }
        if (texts.isEmpty()) {
            throw new IOException("no sample messages under " + dir);
        }
        return new BenchMessages(root, texts);
    }

    Path mappings() {
        return root.resolve("mappings");
    }

    private static Path findRoot() throws IOException {
        String prop = System.getProperty("claimbridge.root");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p : new Path[] {Path.of("."), Path.of("..")}) {
            if (Files.isDirectory(p.resolve("src/test/resources/hl7")) && Files.isDirectory(p.resolve("mappings"))) {
                return p;
            }
        }
        throw new IOException("repository root not found; run from it or bench/, or pass -Dclaimbridge.root=");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).replace("\r\n", "\r").replace('\n', '\r');
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
