package io.claimbridge.coding.attach;

import java.util.List;

import io.claimbridge.model.CodedEncounter;

/**
 * @param encounter the encounter with its claim coded (a copy; the input is untouched)
 * @param notes     what attaching changed or could not do, for the work queue (no PHI)
 */
public record AttachResult(CodedEncounter encounter, List<String> notes) {
    public AttachResult {
        notes = List.copyOf(notes);
    }
}
