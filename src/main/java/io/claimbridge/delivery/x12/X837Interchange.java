package io.claimbridge.delivery.x12;

import java.util.List;

/**
 * One rendered interchange: its bytes (empty when every claim was rejected: nothing to send), where
 * each accepted claim sits (for reconciliation against 999/277CA), the rejected claims with their
 * reasons, and the next free GS06 / ST02 numbers for the caller to persist.
 */
public record X837Interchange(byte[] bytes,
                              List<RenderedClaim> claims,
                              List<ClaimRejection> rejections,
                              long nextGroupNumber,
                              long nextTransactionNumber) {

    /** Where one claim went: ISA13, GS06, ST02 and its implementation guide. */
    public record RenderedClaim(String claimId, X12Format format, long interchange, long group,
                                String transactionSet) {
    }

    public X837Interchange {
        claims = List.copyOf(claims);
        rejections = List.copyOf(rejections);
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
