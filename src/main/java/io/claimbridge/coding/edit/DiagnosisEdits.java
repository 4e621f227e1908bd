package io.claimbridge.coding.edit;

import java.util.List;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.IcdCodeSystem;
import io.claimbridge.coding.codeset.MceAgeRanges;
import io.claimbridge.coding.codeset.MceFlag;
import io.claimbridge.coding.codeset.YearResolution;

/**
 * ICD-10-CM diagnosis edits: validity for the fiscal year of the date of service, header codes,
 * MCE age/sex/principal-diagnosis edits, duplicates of the principal, count limits and POA.
 */
final class DiagnosisEdits {
    private static final int MAX_PROFESSIONAL = 12;
    private static final int MAX_INSTITUTIONAL = 25;
    private static final int AGE_FLAGS = MceFlag.NEWBORN.bit() | MceFlag.PEDIATRIC.bit() | MceFlag.MATERNITY.bit()
            | MceFlag.ADULT.bit();

    private final CodeSets sets;

    DiagnosisEdits(CodeSets sets) {
        this.sets = sets;
    }

    void check(ClaimFacts f, YearResolution year, List<EditIssue> out) {
        List<ClaimFacts.Dx> dxs = f.diagnoses();
        if (dxs.isEmpty()) {
            out.add(Edit.DX_NO_PRINCIPAL.issue("The claim has no diagnosis; at least a principal diagnosis is required.",
                    "Claim.diagnosis", null));
            return;
        }
        int max = f.institutional() ? MAX_INSTITUTIONAL : MAX_PROFESSIONAL;
        if (dxs.size() > max) {
            out.add(Edit.DX_TOO_MANY.issue("The claim has " + dxs.size() + " diagnoses; an "
                    + (f.institutional() ? "institutional (837I)" : "professional (837P)") + " claim allows " + max + ".",
                    "Claim.diagnosis[" + max + "]", null));
        }
        IcdCodeSystem cm = sets.icd10cm();
        String version = year.none() ? "ICD-10-CM (none loaded)" : cm.version(year.used());
        String principal = null;
        for (ClaimFacts.Dx d : dxs) {
            if (d.principal()) {
                principal = d.code();
            }
        }
        boolean mceUsable = f.dateOfService() != null && !sets.mceDiagnoses().isEmpty();
        for (ClaimFacts.Dx d : dxs) {
            String path = FhirPaths.dxCode(d.index(), d.codingIndex());
            if (d.code() == null) {
                out.add(Edit.DX_INVALID.issue("Diagnosis " + d.sequence() + " has no ICD-10-CM code.",
                        "Claim.diagnosis[" + d.index() + "].diagnosis", version));
                continue;
            }
            if (d.kind() == ClaimFacts.Kind.ICD9CM) {
                out.add(Edit.DX_ICD9.issue("Diagnosis " + d.sequence() + " (" + d.code()
                        + ") is ICD-9-CM; claims for services after 2015-09-30 need ICD-10-CM.", path, version));
                continue;
            }
            if (d.kind() != ClaimFacts.Kind.ICD10CM) {
                out.add(Edit.DX_INVALID.issue("Diagnosis " + d.sequence() + " (" + d.code()
                        + ") is not coded in ICD-10-CM.", path, version));
                continue;
            }
            if (!year.none() && !validForYear(d, cm, year, path, version, out)) {
                continue;
            }
            if (!mceUsable) {
                continue;
            }
            int flags = sets.mceDiagnoses().flags(d.code(), f.dateOfService());
            if (flags == 0) {
                if (d.principal() && isExternalCause(d.code())) {
                    externalCause(d, path, out);
                }
                continue;
            }
            String mce = sets.mceDiagnoses().version();
            sex(f, d, flags, path, mce, out);
            age(f, d, flags, path, mce, out);
            if (d.principal()) {
                if (MceFlag.MANIFESTATION.in(flags)) {
                    out.add(Edit.DX_MANIFESTATION.issue(d.code() + " is a manifestation code and cannot be the principal "
                            + "diagnosis; sequence the underlying condition first.", path, mce));
                }
                if (MceFlag.ECODEPDX.in(flags) || isExternalCause(d.code())) {
                    externalCause(d, path, out);
                }
                // MCE applies "unacceptable principal diagnosis" to inpatient claims; many such Z codes
                // are the correct first-listed code on outpatient and professional claims.
                if (f.inpatient() && MceFlag.UNACCEPTABLE.in(flags)) {
                    out.add(Edit.DX_UNACCEPTABLE.issue(d.code() + " is not acceptable as the principal diagnosis of an "
                            + "inpatient claim.", path, mce));
                }
            }
        }
        if (principal != null) {
            for (ClaimFacts.Dx d : dxs) {
                if (!d.principal() && principal.equals(d.code())) {
                    out.add(Edit.DX_DUPLICATE_PDX.issue("Diagnosis " + d.sequence() + " repeats the principal diagnosis "
                            + principal + ".", "Claim.diagnosis[" + d.index() + "].diagnosis.coding[" + d.codingIndex()
                            + "].code", version));
                }
            }
        }
        if (f.inpatient()) {
            poa(dxs, year, out);
        }
    }

    /** False when the code is not usable (edit emitted), so MCE edits are skipped for it. */
    private boolean validForYear(ClaimFacts.Dx d, IcdCodeSystem cm, YearResolution year, String path, String version,
                                 List<EditIssue> out) {
        switch (cm.status(d.code(), year.used())) {
            case BILLABLE:
                return true;
            case HEADER:
                out.add(Edit.DX_HEADER.issue(d.code() + " is a category/header code, not valid for billing in " + version
                        + "; use a more specific code.", path, version));
                return false;
            default:
                int[] other = cm.billableYears(d.code());
                // Judged against an older release than the date needs (CB-CS-001), an unknown code may
                // simply be new: warn instead of holding the claim.
                boolean older = year.requested() > year.used();
                if (other.length == 0) {
                    String msg = d.code() + " is not an ICD-10-CM code in any loaded release"
                            + (older ? " (FY" + year.requested() + " is not loaded; it may be a new code)." : ".");
                    out.add(older ? Edit.DX_INVALID.issue(Severity.WARNING, msg, path, version)
                            : Edit.DX_INVALID.issue(msg, path, version));
                } else {
                    String msg = d.code() + " is not valid in " + version + " (date of service FY" + year.requested()
                            + "); it is valid in FY" + join(other) + ".";
                    out.add(older ? Edit.DX_NOT_ON_DOS.issue(Severity.WARNING, msg, path, version)
                            : Edit.DX_NOT_ON_DOS.issue(msg, path, version));
                }
                return false;
        }
    }

    private static void externalCause(ClaimFacts.Dx d, String path, List<EditIssue> out) {
        out.add(Edit.DX_EXTERNAL_CAUSE.issue(d.code() + " is an external-cause code (V00-Y99) and cannot be the "
                + "principal or first-listed diagnosis.", path, "ICD-10-CM guidelines / MCE"));
    }

    private static boolean isExternalCause(String code) {
        char c = code.charAt(0);
        return c >= 'V' && c <= 'Y';
    }

    private void sex(ClaimFacts f, ClaimFacts.Dx d, int flags, String path, String mce, List<EditIssue> out) {
        if (f.sex() == AdministrativeGender.MALE && MceFlag.FEMALE.in(flags)) {
            out.add(Edit.DX_SEX.issue(d.code() + " applies to female patients only; the patient is recorded as male.",
                    path, mce));
        } else if (f.sex() == AdministrativeGender.FEMALE && MceFlag.MALE.in(flags)) {
            out.add(Edit.DX_SEX.issue(d.code() + " applies to male patients only; the patient is recorded as female.",
                    path, mce));
        }
    }

    private void age(ClaimFacts f, ClaimFacts.Dx d, int flags, String path, String mce, List<EditIssue> out) {
        if ((flags & AGE_FLAGS) == 0 || f.ageYears() == null) {
            return;
        }
        int age = f.ageYears();
        for (MceFlag g : new MceFlag[] {MceFlag.NEWBORN, MceFlag.PEDIATRIC, MceFlag.MATERNITY, MceFlag.ADULT}) {
            if (!g.in(flags)) {
                continue;
            }
            MceAgeRanges.AgeRange r = sets.mceAgeRanges().forGroup(g, f.dateOfService());
            if (r != null && (age < r.minAge() || age > r.maxAge())) {
                // Ages over 89 are identifying (HIPAA safe harbor): say "over 89" instead.
                out.add(Edit.DX_AGE.issue(d.code() + " is a " + g.name().toLowerCase() + " diagnosis (ages " + r.minAge()
                        + "-" + r.maxAge() + "); the patient's age is " + (age > 89 ? "over 89" : String.valueOf(age))
                        + ".", path, mce));
            }
        }
    }

    private void poa(List<ClaimFacts.Dx> dxs, YearResolution claimYear, List<EditIssue> out) {
        YearResolution y = sets.poaExempt().resolve(claimYear.requested());
        String version = y.none() ? "POA exempt list (none loaded)" : "ICD-10-CM POA exempt FY" + y.used();
        for (ClaimFacts.Dx d : dxs) {
            if (d.code() == null || d.kind() != ClaimFacts.Kind.ICD10CM) {
                continue;
            }
            boolean exempt = !y.none() && sets.poaExempt().isExempt(d.code(), y.used());
            String path = FhirPaths.poa(d.index());
            if (exempt) {
                continue;
            }
            if (d.poa() == null || d.poa().isEmpty()) {
                out.add(Edit.POA_MISSING.issue("Diagnosis " + d.sequence() + " (" + d.code()
                        + ") needs a present-on-admission indicator (Y, N, U or W) on an inpatient claim.", path, version));
            } else if (!(d.poa().equals("Y") || d.poa().equals("N") || d.poa().equals("U") || d.poa().equals("W"))) {
                out.add(Edit.POA_INVALID.issue("Diagnosis " + d.sequence() + " (" + d.code() + ") has POA indicator '"
                        + d.poa() + "'; only Y, N, U or W are allowed for a code that is not POA-exempt.", path, version));
            }
        }
    }

    private static String join(int[] years) {
        StringBuilder sb = new StringBuilder();
        for (int y : years) {
            if (sb.length() > 0) {
                sb.append(", FY");
            }
            sb.append(y);
        }
        return sb.toString();
    }
}
