package io.claimbridge.delivery.x12;

import java.util.List;

/**
 * Why a claim was not rendered. Reasons name segments, codes and sequence numbers, never patient
 * names or member ids, and of an address only a state or country value that fails its check, so
 * they can go to logs and work queues as they are.
 */
public record ClaimRejection(String claimId, List<String> reasons) {
    public ClaimRejection {
        reasons = List.copyOf(reasons);
    }

    @Override
    public String toString() {
        return "claim " + claimId + " rejected: " + String.join("; ", reasons);
    }
}
