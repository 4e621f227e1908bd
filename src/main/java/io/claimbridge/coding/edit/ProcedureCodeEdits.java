package io.claimbridge.coding.edit;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.CptCheck;
import io.claimbridge.coding.codeset.HcpcsCodeSet;
import io.claimbridge.coding.codeset.IcdCodeSystem;
import io.claimbridge.coding.codeset.MceFlag;
import io.claimbridge.coding.codeset.YearResolution;

/** Procedure and line codes: ICD-10-PCS (Claim.procedure), CPT/HCPCS and modifiers (Claim.item). */
final class ProcedureCodeEdits {
    private static final int MAX_MODIFIERS = 4;

    private final CodeSets sets;

    ProcedureCodeEdits(CodeSets sets) {
        this.sets = sets;
    }

    void check(ClaimFacts f, YearResolution pcsYear, List<EditIssue> out) {
        for (ClaimFacts.Px p : f.procedures()) {
            if (p.kind() == ClaimFacts.Kind.ICD10PCS) {
                pcs(f, p, pcsYear, out);
            } else if (p.kind() == ClaimFacts.Kind.CPT || p.kind() == ClaimFacts.Kind.HCPCS) {
                LocalDate d = p.date() != null ? p.date() : f.dateOfService();
                lineCode(p.kind(), p.code(), d,
                        "Claim.procedure[" + p.index() + "].procedure.coding[" + p.codingIndex() + "].code", out);
            }
        }
        for (ClaimFacts.Line l : f.lines()) {
            String path = FhirPaths.itemCode(l.index(), l.codingIndex());
            LocalDate d = l.date() != null ? l.date() : f.dateOfService();
            if (l.kind() == ClaimFacts.Kind.CPT || l.kind() == ClaimFacts.Kind.HCPCS) {
                lineCode(l.kind(), l.code(), d, path, out);
            } else if (l.kind() == ClaimFacts.Kind.CHARGE) {
                out.add(Edit.LINE_UNCODED.issue("Line " + l.sequence() + " carries only charge code " + l.code()
                        + ", which the chargemaster did not map to a CPT/HCPCS code.", path, null));
            } else if (!f.institutional()) {
                out.add(Edit.LINE_UNCODED.issue("Line " + l.sequence() + " has no CPT/HCPCS code.",
                        "Claim.item[" + l.index() + "].productOrService", null));
            }
            modifiers(l, d, out);
        }
    }

    private void pcs(ClaimFacts f, ClaimFacts.Px p, YearResolution year, List<EditIssue> out) {
        IcdCodeSystem pcs = sets.icd10pcs();
        if (year.none()) {
            return;
        }
        String version = pcs.version(year.used());
        String path = "Claim.procedure[" + p.index() + "].procedure.coding[" + p.codingIndex() + "].code";
        IcdCodeSystem.Status s = pcs.status(p.code(), year.used());
        if (s == IcdCodeSystem.Status.HEADER || (s == IcdCodeSystem.Status.ABSENT && pcs.billableYears(p.code()).length == 0)) {
            out.add(Edit.PX_INVALID.issue(p.code() + " is not a valid ICD-10-PCS code.", path, version));
            return;
        }
        if (s == IcdCodeSystem.Status.ABSENT) {
            out.add(Edit.PX_NOT_ON_DOS.issue(p.code() + " is not valid in " + version + ".", path, version));
            return;
        }
        LocalDate d = p.date() != null ? p.date() : f.dateOfService();
        if (d != null && f.sex() != null && !sets.mceProcedures().isEmpty()) {
            int flags = sets.mceProcedures().flags(p.code(), d);
            if ((f.sex() == AdministrativeGender.MALE && MceFlag.FEMALE.in(flags))
                    || (f.sex() == AdministrativeGender.FEMALE && MceFlag.MALE.in(flags))) {
                out.add(Edit.PX_SEX.issue(p.code() + " conflicts with the patient's recorded sex.", path,
                        sets.mceProcedures().version()));
            }
        }
    }

    private void lineCode(ClaimFacts.Kind kind, String code, LocalDate date, String path, List<EditIssue> out) {
        if (kind == ClaimFacts.Kind.CPT) {
            if (!CptCheck.validFormat(code)) {
                out.add(Edit.CPT_FORMAT.issue(code + " is not a CPT code (expected 4 digits then a digit, F, T or U).",
                        path, sets.cpt().version()));
            } else if (!sets.cpt().exists(code)) {
                out.add(Edit.CPT_UNKNOWN.issue(code + " is not in the configured CPT file.", path, sets.cpt().version()));
            }
            return;
        }
        HcpcsCodeSet h = sets.hcpcs();
        if (h.isEmpty() || date == null) {
            return;
        }
        switch (h.status(code, date)) {
            case ABSENT -> {
                if (h.coverageEnd() != null && date.isAfter(h.coverageEnd())) {
                    out.add(Edit.HCPCS_INVALID.issue(Severity.WARNING, code + " is not in " + h.version()
                            + ", which is current only to " + h.coverageEnd() + "; it may be a newer code.", path, h.version()));
                } else {
                    out.add(Edit.HCPCS_INVALID.issue(code + " is not a HCPCS Level II code in " + h.version() + ".",
                            path, h.version()));
                }
            }
            case TERMINATED -> out.add(Edit.HCPCS_TERMINATED.issue(code + " was terminated on " + h.terminated(code)
                    + ", before the date of service " + date + ".", path, h.version()));
            case NOT_YET_EFFECTIVE -> out.add(Edit.HCPCS_NOT_EFFECTIVE.issue(code + " is effective from "
                    + h.effective(code) + ", after the date of service " + date + ".", path, h.version()));
            default -> {
            }
        }
    }

    private void modifiers(ClaimFacts.Line l, LocalDate date, List<EditIssue> out) {
        List<String> mods = l.modifiers();
        if (mods.size() > MAX_MODIFIERS) {
            out.add(Edit.MOD_TOO_MANY.issue("Line " + l.sequence() + " has " + mods.size() + " modifiers; at most "
                    + MAX_MODIFIERS + " fit on a claim line.", "Claim.item[" + l.index() + "].modifier[4]", null));
        }
        if (sets.modifiers().isEmpty() || date == null) {
            return;
        }
        for (int k = 0; k < mods.size(); k++) {
            String m = mods.get(k);
            HcpcsCodeSet.Status s = m == null || m.length() != 2 ? HcpcsCodeSet.Status.ABSENT
                    : sets.modifiers().status(m, date);
            if (s != HcpcsCodeSet.Status.VALID) {
                String why = switch (s) {
                    case TERMINATED -> " was discontinued before " + date;
                    case NOT_YET_EFFECTIVE -> " is not yet effective on " + date;
                    default -> " is not a known CPT or HCPCS modifier";
                };
                out.add(Edit.MOD_INVALID.issue("Modifier " + m + why + " (line " + l.sequence() + ").",
                        "Claim.item[" + l.index() + "].modifier[" + k + "]", sets.modifiers().version()));
            }
        }
    }
}
