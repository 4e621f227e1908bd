package io.claimbridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.claimbridge.coding.attach.Chargemaster;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.coding.codeset.ConformanceLoader;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.coding.edit.EditIssue;
import io.claimbridge.coding.edit.EditReport;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;

/**
 * {@code claimbridge validate}: the engine's attach step and claim edits on a file's encounters,
 * printed as an OperationOutcome (JSON) or a table. Exit 1 when any edit is an error.
 */
public final class ValidateCommand {
    private final CodeAttacher attacher;
    private final ClaimEditor editor;

    public ValidateCommand(Path conformance, Path cptFile, Path mappings) throws IOException {
        this.editor = new ClaimEditor(ConformanceLoader.load(conformance, cptFile));
        Path cdm = mappings.resolve("chargemaster.csv");
        this.attacher = new CodeAttacher(Files.exists(cdm) ? Chargemaster.read(cdm) : Chargemaster.empty());
    }

    public int run(List<CodedEncounter> encounters, String format, PrintStream out) {
        boolean errors = false;
        int n = 0;
        for (CodedEncounter e : encounters) {
            n++;
            EditReport report = editor.validate(attacher.attach(e).encounter());
            errors |= report.hasErrors();
            if (format.equals("text")) {
                if (encounters.size() > 1) {
                    out.println("# encounter " + n);
                }
                printTable(report, out);
            } else {
                out.println(FhirR4.prettyJson().encodeResourceToString(report.toOperationOutcome()));
            }
        }
        return errors ? 1 : 0;
    }

    private static void printTable(EditReport report, PrintStream out) {
        if (report.issues().isEmpty()) {
            out.println("no edits fired");
            return;
        }
        out.printf("%-8s %-11s %-48s %-18s %s%n", "SEVERITY", "EDIT", "WHERE", "CODE SET", "MESSAGE");
        for (EditIssue i : report.issues()) {
            out.printf("%-8s %-11s %-48s %-18s %s%n", i.severity().name().toLowerCase(), i.id(),
                    i.expression() == null ? "" : i.expression(), i.codeSetVersion() == null ? "" : i.codeSetVersion(),
                    i.message());
        }
    }
}
