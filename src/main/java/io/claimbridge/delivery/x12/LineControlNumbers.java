package io.claimbridge.delivery.x12;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.claimbridge.model.Canonical;

/**
 * 2400 REF*6R line item control numbers. Payers echo them per line in the 835 (SVC loop REF*6R),
 * which is how a billing office matches payments to lines, so they must be unique within the
 * claim and the same on every render (a batch re-rendered after a crash must be the same bytes).
 *
 * <p>A line keeps its source transaction id (HL7v2 FT1-2) when it came from exactly one
 * transaction and that id is carriable, at most {@value #MAX_LENGTH} characters, unique among the
 * claim's lines and not one of the derived numbers; every other line gets {@code <CLM01>-<LX01>}.
 * Derived numbers differ from each other by line number and from kept ids by that last rule, so
 * the result is always unique.
 */
final class LineControlNumbers {
    /** REF02 is AN 1..50. */
    static final int MAX_LENGTH = 50;

    private LineControlNumbers() {
    }

    /**
     * @param claimId CLM01
     * @param sourceIds per line in LX order, the source transaction ids it was netted from (a line
     *                  netted from several has several; none when the source sent none)
     * @return one control number per line, in the same order
     */
    static List<String> assign(String claimId, List<List<String>> sourceIds) {
        int n = sourceIds.size();
        Set<String> derived = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            derived.add(derived(claimId, i));
        }
        List<String> candidates = new ArrayList<>(n);
        Map<String, Integer> uses = new HashMap<>();
        for (List<String> ids : sourceIds) {
            String candidate = candidate(ids);
            candidates.add(candidate);
            if (candidate != null) {
                uses.merge(candidate, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String c = candidates.get(i);
            boolean keep = c != null && uses.get(c) == 1 && !derived.contains(c);
            out.add(keep ? c : derived(claimId, i + 1));
        }
        return out;
    }

    /** The line's one source id if it can go into REF02 as it is; null otherwise. */
    private static String candidate(List<String> ids) {
        // A netted line stands for several transactions: none of them alone identifies it.
        if (ids.size() != 1 || ids.get(0) == null) {
            return null;
        }
        String id = ids.get(0).trim();
        return id.isEmpty() || id.length() > MAX_LENGTH || !Canonical.isX12Carriable(id) ? null : id;
    }

    private static String derived(String claimId, int lineNumber) {
        return claimId + "-" + lineNumber;
    }
}
