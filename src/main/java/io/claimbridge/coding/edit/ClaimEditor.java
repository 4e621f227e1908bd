package io.claimbridge.coding.edit;

import java.util.ArrayList;
import java.util.List;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.FiscalYear;
import io.claimbridge.coding.codeset.IcdCodeSystem;
import io.claimbridge.coding.codeset.YearResolution;
import io.claimbridge.model.CodedEncounter;

/**
 * Runs every claim edit against one coded encounter. Pure and thread-safe: the code sets are
 * read-only, each call works on its own facts and issue list.
 */
public final class ClaimEditor {
    private final CodeSets sets;
    private final DiagnosisEdits diagnoses;
    private final ProcedureCodeEdits procedures;
    private final LineEdits lines;
    private final NcciEdits ncci;
    private final ProviderEdits providers = new ProviderEdits();
    private final ReplacementEdits replacements = new ReplacementEdits();

    public ClaimEditor(CodeSets sets) {
        this.sets = sets;
        this.diagnoses = new DiagnosisEdits(sets);
        this.procedures = new ProcedureCodeEdits(sets);
        this.lines = new LineEdits(sets);
        this.ncci = new NcciEdits(sets);
    }

    public EditReport validate(CodedEncounter ce) {
        List<EditIssue> out = new ArrayList<>();
        if (ce.claim() == null) {
            out.add(Edit.DX_NO_PRINCIPAL.issue("The encounter has no claim to edit.", "Claim", null));
            return new EditReport(out);
        }
        ClaimFacts f = ClaimFacts.of(ce);
        YearResolution cm = YearResolution.resolve(0, new int[0]);
        YearResolution pcs = cm;
        if (f.dateOfService() != null) {
            int fy = FiscalYear.of(f.dateOfService());
            cm = resolve(sets.icd10cm(), fy, out);
            pcs = f.procedures().isEmpty() ? pcs : resolve(sets.icd10pcs(), fy, out);
            if (!sets.mceDiagnoses().isEmpty() && sets.mceDiagnoses().beyondCoverage(f.dateOfService())) {
                out.add(Edit.CS_FALLBACK.issue("The date of service " + f.dateOfService() + " is after the coverage of "
                        + sets.mceDiagnoses().version() + "; age/sex/principal-diagnosis edits use its last rules.",
                        null, sets.mceDiagnoses().version()));
            }
        }
        diagnoses.check(f, cm, out);
        procedures.check(f, pcs, out);
        lines.check(f, out);
        ncci.check(f, out);
        providers.check(ce, out);
        replacements.check(ce.claim(), out);
        return new EditReport(out);
    }

    private static YearResolution resolve(IcdCodeSystem system, int fy, List<EditIssue> out) {
        YearResolution r = system.resolve(fy);
        if (r.none()) {
            out.add(Edit.CS_FALLBACK.issue("No " + system.name() + " release is loaded; its codes were not checked.",
                    null, null));
        } else if (r.fallback()) {
            out.add(Edit.CS_FALLBACK.issue(system.name() + " FY" + fy + " is not loaded; codes were checked against "
                    + system.version(r.used()) + ".", null, system.version(r.used())));
        }
        return r;
    }
}
