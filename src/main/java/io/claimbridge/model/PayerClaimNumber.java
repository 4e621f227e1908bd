package io.claimbridge.model;

/**
 * The payer's claim control number (ICN/DCN) of a claim: what the payer assigned when it
 * adjudicated it, and what a replacement or void of that claim must quote in REF*F8.
 * Checked here so every way it arrives (API, ClaimResponse) obeys what REF02 can carry.
 */
public record PayerClaimNumber(String value) {
    /** X12 5010 REF02 is at most 50 characters. */
    public static final int MAX_LENGTH = 50;

    public PayerClaimNumber {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("payer claim number is empty");
        }
        value = value.trim();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("payer claim number is longer than " + MAX_LENGTH + " characters (REF02)");
        }
        if (!Canonical.isX12Carriable(value)) {
            throw new IllegalArgumentException("payer claim number contains a character X12 cannot carry"
                    + " (delimiter or non-ASCII)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
