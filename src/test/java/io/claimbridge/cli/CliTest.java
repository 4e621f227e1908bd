package io.claimbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.claimbridge.app.AppTestSupport;
import io.claimbridge.normalize.FhirR4;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyst commands, with the repository's own mappings/ and conformance/. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void convertPrintsTheCanonicalBundle() throws Exception {
        Path dft = file("dft.hl7", AppTestSupport.sample("v251", "DFT_P03"));
        Run r = run("convert", "--sender", "default", dft.toString());
        assertThat(r.exit()).isZero();
        Bundle b = FhirR4.json().parseResource(Bundle.class, r.out());
        assertThat(b.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Encounter", "Claim", "Condition", "Practitioner");
    }

    @Test
    void validateExitsZeroOneOrTwo() throws Exception {
        Path clean = file("clean.hl7", AppTestSupport.sample("v251", "DFT_P03"));
        Run ok = run("validate", clean.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        OperationOutcome oo = FhirR4.json().parseResource(OperationOutcome.class, ok.out());
        assertThat(oo.getIssue()).noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);

        Path bad = file("bad.hl7", AppTestSupport.sample("v251", "DFT_P03").replace("J18.9", "J18"));
        Run errors = run("validate", "--format", "text", bad.toString());
        assertThat(errors.exit()).isEqualTo(1);
        assertThat(errors.out()).contains("SEVERITY").contains("error").contains("CB-DX-").contains("Claim.diagnosis[");

        assertThat(run("validate", tmp.resolve("missing.hl7").toString()).exit()).isEqualTo(2);
        assertThat(run("validate", file("junk.txt", "hello, not a claim").toString()).exit()).isEqualTo(2);
        assertThat(run("validate", "--format", "xml", clean.toString()).exit()).isEqualTo(2);
        assertThat(run("convert").exit()).isEqualTo(2);
    }

    @Test
    void fhirInputIsValidatedToo() throws Exception {
        Path dft = file("dft.hl7", AppTestSupport.sample("v251", "DFT_P03"));
        Run bundle = run("convert", dft.toString());
        Path json = file("bundle.json", bundle.out());
        Run r = run("validate", json.toString());
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        assertThat(r.out()).contains("OperationOutcome");
    }
}
