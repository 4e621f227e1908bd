package io.claimbridge.normalize.ledger;

import io.claimbridge.model.CodedEncounter;

/** A claim the ledger lets go now: the canonical encounter whose Claim is final (frequency, id, created set). */
public record Release(ReleaseRecord record, CodedEncounter encounter) {
}
