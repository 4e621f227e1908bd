package io.claimbridge.coding.edit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.ncci.MueTable;
import io.claimbridge.coding.ncci.PtpTable;

/**
 * NCCI procedure-to-procedure and medically-unlikely edits. Practitioner tables for professional
 * claims, hospital (outpatient) tables for institutional ones. A missing table never passes
 * silently: the edit reports itself inactive.
 */
final class NcciEdits {
    private final CodeSets sets;

    NcciEdits(CodeSets sets) {
        this.sets = sets;
    }

    void check(ClaimFacts f, List<EditIssue> out) {
        PtpTable ptp = f.institutional() ? sets.ptpHospital() : sets.ptpPractitioner();
        MueTable mue = f.institutional() ? sets.mueHospital() : sets.muePractitioner();
        String kind = f.institutional() ? "hospital" : "practitioner";
        if (ptp == null) {
            out.add(Edit.PTP_INACTIVE.issue("The NCCI PTP " + kind + " table is not installed in conformance/ncci-ptp/"
                    + kind + "/; procedure-pair edits were not run.", null, null));
        } else {
            ptp(f, ptp, out);
        }
        if (mue == null) {
            out.add(Edit.MUE_INACTIVE.issue("The NCCI MUE " + kind + " table is not installed in conformance/mue/"
                    + kind + "/; unit limits were not checked.", null, null));
        } else {
            mue(f, mue, out);
        }
    }

    private void ptp(ClaimFacts f, PtpTable table, List<EditIssue> out) {
        List<ClaimFacts.Line> lines = f.lines();
        for (int i = 0; i < lines.size(); i++) {
            ClaimFacts.Line a = lines.get(i);
            if (a.code() == null || !billable(a)) {
                continue;
            }
            LocalDate da = date(a, f);
            for (int j = i + 1; j < lines.size(); j++) {
                ClaimFacts.Line b = lines.get(j);
                if (b.code() == null || !billable(b) || a.code().equals(b.code()) || !Objects.equals(da, date(b, f))
                        || da == null) {
                    continue;
                }
                PtpTable.Pair pair = table.find(a.code(), b.code(), da);
                ClaimFacts.Line column2 = b;
                if (pair == null) {
                    pair = table.find(b.code(), a.code(), da);
                    column2 = a;
                }
                if (pair == null || pair.modifierIndicator() == 9) {
                    continue;
                }
                boolean bypass = pair.modifierIndicator() == 1 && (hasBypass(a) || hasBypass(b));
                if (!bypass) {
                    out.add(Edit.PTP_CONFLICT.issue(pair.column2() + " (line " + column2.sequence() + ") is a column-2 "
                            + "code of " + pair.column1() + " on " + da + " ("
                            + (pair.modifierIndicator() == 0 ? "no modifier allowed"
                            : "needs an NCCI-associated modifier such as 59, XE, XS, XP or XU when distinct")
                            + (pair.rationale().isEmpty() ? "" : "; " + pair.rationale()) + ").",
                            "Claim.item[" + column2.index() + "].productOrService", table.version()));
                }
            }
        }
    }

    private boolean hasBypass(ClaimFacts.Line l) {
        for (String m : l.modifiers()) {
            if (m != null && sets.modifiers().isNcciBypass(m)) {
                return true;
            }
        }
        return false;
    }

    private void mue(ClaimFacts f, MueTable table, List<EditIssue> out) {
        List<ClaimFacts.Line> lines = f.lines();
        for (int i = 0; i < lines.size(); i++) {
            ClaimFacts.Line l = lines.get(i);
            if (l.code() == null || l.quantity() == null || !billable(l)) {
                continue;
            }
            MueTable.Limit limit = table.find(l.code());
            if (limit == null) {
                continue;
            }
            String path = FhirPaths.item(l.index()) + ".quantity";
            BigDecimal max = BigDecimal.valueOf(limit.maxUnits());
            if (limit.adjudicationIndicator() == 1) {
                if (l.quantity().compareTo(max) > 0) {
                    out.add(Edit.MUE_LINE.issue("Line " + l.sequence() + " bills " + l.quantity().toPlainString() + " units of "
                            + l.code() + "; the MUE is " + limit.maxUnits() + " per line.", path, table.version()));
                }
                continue;
            }
            // Date-of-service MUEs add up every line of the code on the same date; report once, on the
            // first line of that code and date.
            LocalDate d = date(l, f);
            boolean first = true;
            BigDecimal units = BigDecimal.ZERO;
            for (int j = 0; j < lines.size(); j++) {
                ClaimFacts.Line o = lines.get(j);
                if (l.code().equals(o.code()) && Objects.equals(d, date(o, f)) && o.quantity() != null) {
                    if (j < i) {
                        first = false;
                        break;
                    }
                    units = units.add(o.quantity());
                }
            }
            if (first && units.compareTo(max) > 0) {
                Edit e = limit.adjudicationIndicator() == 2 ? Edit.MUE_DOS_POLICY : Edit.MUE_DOS_CLINICAL;
                out.add(e.issue(units.toPlainString() + " units of " + l.code() + " on " + d + " exceed the MUE of "
                        + limit.maxUnits() + " per date of service (" + (limit.adjudicationIndicator() == 2
                        ? "policy limit" : "clinical limit") + ").", path, table.version()));
            }
        }
    }

    private static boolean billable(ClaimFacts.Line l) {
        return l.kind() == ClaimFacts.Kind.CPT || l.kind() == ClaimFacts.Kind.HCPCS;
    }

    private static LocalDate date(ClaimFacts.Line l, ClaimFacts f) {
        return l.date() != null ? l.date() : f.dateOfService();
    }
}
