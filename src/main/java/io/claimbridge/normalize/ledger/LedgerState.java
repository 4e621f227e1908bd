package io.claimbridge.normalize.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.claimbridge.model.CodedEncounter;

/**
 * The merged state of one visit (key = sender + visit number). Immutable; serialized by
 * {@link LedgerStateCodec} as the canonical Bundle plus these few fields.
 *
 * @param encounter       the merged canonical encounter; its Claim is the draft with every charge so far
 * @param dischargedAt    discharge time (PV1-45, else the A03's time) while DISCHARGED
 * @param lastChangeAt    when content last changed (processing time), for the post-release hold
 * @param appliedMessages control ids already applied (a re-sent message changes nothing)
 * @param releases        every claim released, oldest first
 */
public record LedgerState(
        String sender,
        String visitNumber,
        LedgerStatus status,
        CodedEncounter encounter,
        Instant dischargedAt,
        Instant lastChangeAt,
        Set<String> appliedMessages,
        List<ReleaseRecord> releases) {

    public LedgerState {
        // arrival order kept (Set.copyOf would not): the stored JSON must not depend on hash seeds
        appliedMessages = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(appliedMessages));
        releases = List.copyOf(releases);
    }

    /** The latest release of a group, if any. */
    public Optional<ReleaseRecord> lastRelease(String group) {
        ReleaseRecord last = null;
        for (ReleaseRecord r : releases) {
            if (r.group().equals(group)) last = r;
        }
        return Optional.ofNullable(last);
    }
}
