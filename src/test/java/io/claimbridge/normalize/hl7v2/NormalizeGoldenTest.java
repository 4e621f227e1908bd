package io.claimbridge.normalize.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.Samples;

/**
 * Pins the canonical output byte for byte: every sample under {@code src/test/resources/hl7}
 * (as its own sender from MSH-4, and read as each configured sender, which takes other mapping
 * paths and zones) → {@code toBundle()} JSON, compared with {@code src/test/resources/normalize-golden}.
 * A sample that does not convert pins its exception type and message instead. The files were
 * written by the normalizer before its speed work, so any change of output fails here.
 *
 * <p>The output must not depend on the host's zone: every case is converted in two default zones
 * (half-hour offset and southern DST; +12:45) and both must match. Claim.created and
 * Claim.procedure.date used to be {@link java.util.Date}s that HAPI writes in the default zone
 * (a procedure of 10:10 on 5 March in New York read as 6 March); both now carry the sender's own
 * date-time (files updated for those fields only). IN1-5 became the payer Organization's address
 * later (files updated for that addition only).
 *
 * <p>Regenerate (only for an intended change of output): {@code -Dnormalize.golden.update=true}.
 */
class NormalizeGoldenTest {

    private static final Path SAMPLES = Path.of("src/test/resources/hl7");
    private static final Path GOLDEN = Path.of("src/test/resources/normalize-golden");
    private static final boolean UPDATE = Boolean.getBoolean("normalize.golden.update");
    /** null = the sender from MSH-4 (how the samples are read elsewhere). */
    private static final List<String> SENDERS = java.util.Arrays.asList(null, "ACME_EAST", "GENERAL_HOSPITAL");

    private static TimeZone saved;

    @BeforeAll
    static void fixZone() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Australia/Adelaide"));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(saved);
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".hl7")).sorted().toList()) {
                for (String sender : SENDERS) {
                    out.add(Arguments.of(SAMPLES.relativize(f).toString().replace('\\', '/'), sender));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void outputIsUnchanged(String sample, String sender) throws IOException {
        String raw = Files.readString(SAMPLES.resolve(sample), StandardCharsets.UTF_8);
        String base = (sender == null ? "" : "as-" + sender + "/") + sample.substring(0, sample.length() - ".hl7".length());
        Path json = GOLDEN.resolve(base + ".json");
        Path error = GOLDEN.resolve(base + ".error.txt");
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        String elsewhere = convert(raw, sender);
        TimeZone.setDefault(TimeZone.getTimeZone("Australia/Adelaide"));
        String actual = convert(raw, sender);
        assertThat(actual).as("%s is the same whatever the host's zone", base).isEqualTo(elsewhere);
        boolean failed = actual.startsWith(FAILED);
        actual = failed ? actual.substring(FAILED.length()) : actual;
        if (UPDATE) {
            Files.createDirectories(json.getParent());
            Files.deleteIfExists(failed ? json : error);
            Files.writeString(failed ? error : json, actual, StandardCharsets.UTF_8);
            return;
        }
        if (Files.exists(error)) {
            assertThat(failed).as("%s still fails", base).isTrue();
            assertThat(actual).isEqualTo(Files.readString(error, StandardCharsets.UTF_8));
        } else {
            assertThat(json).as("golden file").exists();
            assertThat(failed).as("%s converts: %s", base, actual).isFalse();
            assertThat(actual).isEqualTo(Files.readString(json, StandardCharsets.UTF_8));
        }
    }

    private static final String FAILED = "failed: ";

    /** The Bundle's JSON, or {@value #FAILED} and the exception's type and message. */
    private static String convert(String raw, String sender) {
        try {
            return FhirR4.json().encodeResourceToString(Samples.HL7.normalize(raw, sender).encounter().toBundle());
        } catch (RuntimeException e) {
            return FAILED + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
