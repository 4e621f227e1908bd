package io.claimbridge.coding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;

/** Loads conformance/ once per test JVM (the suite must stay fast). */
final class TestCodeSets {
    private static CodeSets shipped;
    private static long loadMillis = -1;

    private TestCodeSets() {
    }

    static synchronized CodeSets shipped() {
        if (shipped == null) {
            long t0 = System.nanoTime();
            try {
                shipped = ConformanceLoader.load(Path.of("conformance"), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loadMillis = (System.nanoTime() - t0) / 1_000_000;
        }
        return shipped;
    }

    static long loadMillis() {
        return loadMillis;
    }
}
