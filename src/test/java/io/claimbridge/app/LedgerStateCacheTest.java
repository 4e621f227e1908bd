package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.claimbridge.normalize.Samples;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerPolicy;
import io.claimbridge.normalize.ledger.LedgerState;
import org.junit.jupiter.api.Test;

class LedgerStateCacheTest {
    private static final LedgerState STATE = new EncounterLedger(LedgerPolicy.of(Duration.ZERO))
            .apply(null, Samples.HL7.normalize(Samples.read("delivery/office_a04.hl7").replace("\n", "\r"), "ACME_EAST"),
                    Instant.parse("2026-03-20T00:00:00Z")).state();

    @Test
    void aStateIsOnlyGivenBackForTheTokenItWasSavedUnder() {
        LedgerStateCache cache = new LedgerStateCache(10);
        long saved = cache.nextToken();
        cache.put("A\nV1", 7, saved, STATE);

        assertThat(cache.get("A\nV1", 7, saved)).isSameAs(STATE);
        assertThat(cache.get("A\nV1", 7, saved - 1)).as("the row carries an older state (the save rolled back)").isNull();
        assertThat(cache.get("A\nV1", 7, null)).as("a row written before tokens existed").isNull();
        assertThat(cache.get("A\nV1", 8, saved)).as("the visit's row was recreated").isNull();
        assertThat(cache.get("A\nV2", 7, saved)).isNull();
        assertThat(cache.get("A\nV1")).isEqualTo(new LedgerStateCache.Entry(7, saved, STATE));
    }

    @Test
    void tokensAreNeverHandedOutTwiceAndDifferBetweenProcesses() {
        LedgerStateCache a = new LedgerStateCache(10);
        LedgerStateCache b = new LedgerStateCache(10);
        long first = a.nextToken();
        assertThat(a.nextToken()).isGreaterThan(first);
        // a restarted engine starts elsewhere: an old row's token cannot name a new process's state
        assertThat(b.nextToken()).isNotEqualTo(first + 1);
    }

    @Test
    void theLeastRecentlyUsedStateMakesRoomWhenFull() {
        LedgerStateCache cache = new LedgerStateCache(2);
        long t1 = cache.nextToken(), t2 = cache.nextToken(), t3 = cache.nextToken();
        cache.put("v1", 1, t1, STATE);
        cache.put("v2", 2, t2, STATE);
        cache.get("v1");
        cache.put("v3", 3, t3, STATE);

        assertThat(cache.get("v1")).isNotNull();
        assertThat(cache.get("v2")).isNull();
        assertThat(cache.get("v3")).isNotNull();
    }
}
