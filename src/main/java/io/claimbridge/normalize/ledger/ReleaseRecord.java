package io.claimbridge.normalize.ledger;

import java.time.Instant;

/**
 * One claim that left the ledger: which group (the encounter, or one professional date of service),
 * our claim id, frequency 1/7/8, the claim it replaces or voids (the group's latest earlier one), and a hash of its content to
 * tell whether a later change needs a replacement.
 */
public record ReleaseRecord(String group, String claimId, int frequency, String originalClaimId, Instant releasedAt, String contentHash) {
}
