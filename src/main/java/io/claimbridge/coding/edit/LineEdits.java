package io.claimbridge.coding.edit;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.claimbridge.coding.codeset.CodeSets;

/** Line-level consistency: pointers, duplicates, units, charges, dates, place of service, total. */
final class LineEdits {
    private static final int MAX_POINTERS = 4;

    private final CodeSets sets;

    LineEdits(CodeSets sets) {
        this.sets = sets;
    }

    void check(ClaimFacts f, List<EditIssue> out) {
        Set<Integer> dxSequences = new HashSet<>();
        for (ClaimFacts.Dx d : f.diagnoses()) {
            dxSequences.add(d.sequence());
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean sumKnown = true;
        List<ClaimFacts.Line> lines = f.lines();
        for (int i = 0; i < lines.size(); i++) {
            ClaimFacts.Line l = lines.get(i);
            String item = FhirPaths.item(l.index());
            if (!f.institutional()) {
                pointers(l, item, dxSequences, out);
            }
            if (l.quantity() == null || l.quantity().signum() <= 0) {
                out.add(Edit.LINE_QUANTITY.issue("Line " + l.sequence() + " has "
                        + (l.quantity() == null ? "no quantity" : "quantity " + l.quantity().toPlainString())
                        + "; units must be greater than zero.", item + ".quantity", null));
            }
            if (l.net() == null || l.net().signum() <= 0) {
                out.add(Edit.LINE_CHARGE.issue("Line " + l.sequence() + " has "
                        + (l.net() == null ? "no charge" : "charge " + l.net().toPlainString())
                        + "; the charge must be greater than zero.", item + ".net", null));
                sumKnown &= l.net() != null;
            }
            if (l.net() != null) {
                sum = sum.add(l.net());
            }
            if (l.date() != null && ((f.periodStart() != null && l.date().isBefore(f.periodStart()))
                    || (f.periodEnd() != null && l.date().isAfter(f.periodEnd())))) {
                out.add(Edit.LINE_DATE.issue("Line " + l.sequence() + " service date " + l.date()
                        + " is outside the encounter period " + f.periodStart() + " to "
                        + (f.periodEnd() == null ? "open" : f.periodEnd()) + ".", item + ".serviced", null));
            }
            if (l.pos() != null && !sets.placesOfService().codes().isEmpty() && !sets.placesOfService().contains(l.pos())) {
                out.add(Edit.LINE_POS.issue("Line " + l.sequence() + " place of service '" + l.pos()
                        + "' is not a CMS place-of-service code.", item + ".location", sets.placesOfService().version()));
            }
            for (int j = 0; j < i; j++) {
                if (sameService(lines.get(j), l)) {
                    out.add(Edit.LINE_DUPLICATE.issue("Line " + l.sequence() + " duplicates line " + lines.get(j).sequence()
                            + " (same code, modifiers, date, units and charge).", item, null));
                    break;
                }
            }
        }
        if (f.total() != null && sumKnown && f.total().compareTo(sum) != 0) {
            out.add(Edit.CLAIM_TOTAL.issue("Claim total " + f.total().toPlainString() + " differs from the sum of line "
                    + "charges " + sum.toPlainString() + ".", "Claim.total", null));
        }
    }

    private static void pointers(ClaimFacts.Line l, String item, Set<Integer> dxSequences, List<EditIssue> out) {
        List<Integer> p = l.pointers();
        if (p.isEmpty()) {
            out.add(Edit.POINTER_MISSING.issue("Line " + l.sequence() + " does not point at any diagnosis.",
                    item + ".diagnosisSequence", null));
            return;
        }
        if (p.size() > MAX_POINTERS) {
            out.add(Edit.POINTER_TOO_MANY.issue("Line " + l.sequence() + " has " + p.size() + " diagnosis pointers; "
                    + "a professional line allows " + MAX_POINTERS + ".", item + ".diagnosisSequence[" + MAX_POINTERS + "]", null));
        }
        for (int k = 0; k < p.size(); k++) {
            if (p.get(k) == null || !dxSequences.contains(p.get(k))) {
                out.add(Edit.POINTER_RANGE.issue("Line " + l.sequence() + " points at diagnosis " + p.get(k)
                        + ", which the claim does not have.", item + ".diagnosisSequence[" + k + "]", null));
            }
        }
    }

    private static boolean sameService(ClaimFacts.Line a, ClaimFacts.Line b) {
        return a.code() != null && a.code().equals(b.code()) && a.modifiers().equals(b.modifiers())
                && Objects.equals(a.date(), b.date()) && cmp(a.quantity(), b.quantity()) && cmp(a.net(), b.net());
    }

    private static boolean cmp(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
