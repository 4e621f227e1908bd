package io.claimbridge.normalize.ledger;

/** Where one visit stands. PENDING: only charges seen so far (DFT before its A01), kept until an ADT names the visit. */
public enum LedgerStatus {
    PENDING, OPEN, DISCHARGED, CANCELLED
}
