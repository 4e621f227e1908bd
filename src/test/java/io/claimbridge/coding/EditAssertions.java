package io.claimbridge.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import io.claimbridge.coding.edit.EditIssue;
import io.claimbridge.coding.edit.EditReport;

/** Assertions on edit ids and FHIRPath expressions, so a test fails when the wrong edit fires. */
final class EditAssertions {
    private EditAssertions() {
    }

    static EditIssue assertFires(EditReport r, String id, String expression) {
        List<EditIssue> hits = r.withId(id);
        for (EditIssue i : hits) {
            if (expression == null || expression.equals(i.expression())) {
                return i;
            }
        }
        return fail("expected " + id + " at " + expression + " but got " + describe(r));
    }

    static void assertNotFires(EditReport r, String id) {
        assertTrue(r.withId(id).isEmpty(), "did not expect " + id + ": " + describe(r));
    }

    /** Only the always-present "table not installed" warnings (and nothing else) may be reported. */
    static void assertClean(EditReport r) {
        List<String> ids = r.ids().stream().filter(i -> !i.equals("CB-PTP-000") && !i.equals("CB-MUE-000")).toList();
        assertEquals(List.of(), ids, describe(r));
    }

    static String describe(EditReport r) {
        StringBuilder sb = new StringBuilder();
        for (EditIssue i : r.issues()) {
            sb.append("\n  ").append(i.id()).append(' ').append(i.severity()).append(" @").append(i.expression())
                    .append(" [").append(i.codeSetVersion()).append("] ").append(i.message());
        }
        return sb.toString();
    }
}
