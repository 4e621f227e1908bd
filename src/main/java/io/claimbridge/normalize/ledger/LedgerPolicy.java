package io.claimbridge.normalize.ledger;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Release rules' parameters.
 *
 * @param billHold how long after discharge (institutional) or after the date of service ends
 *                 (professional) a claim waits for late charges; also how long a post-release
 *                 change waits before its replacement goes out
 * @param zone     the zone in which a date of service ends
 */
public record LedgerPolicy(Duration billHold, ZoneId zone) {
    public static LedgerPolicy of(Duration billHold) {
        return new LedgerPolicy(billHold, ZoneId.of("UTC"));
    }
}
