package io.claimbridge.normalize.ledger;

import java.util.List;

/** New state (already counting {@link #releases} as released) and the claims to send; persist both together. */
public record LedgerResult(LedgerState state, List<Release> releases, boolean duplicate) {
    public LedgerResult {
        releases = List.copyOf(releases);
    }

    public boolean releasable() {
        return !releases.isEmpty();
    }
}
