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
        cache.put(7, saved, STATE);

        assertThat(cache.get(7, saved)).isSameAs(STATE);
        assertThat(cache.get(7, saved - 1)).as("the row carries an older state (the save rolled back)").isNull();
        assertThat(cache.get(7, null)).as("a row written before tokens existed").isNull();
        assertThat(cache.get(8, saved)).isNull();
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
        cache.put(1, t1, STATE);
        cache.put(2, t2, STATE);
        cache.get(1, t1);
        cache.put(3, t3, STATE);

        assertThat(cache.get(1, t1)).isNotNull();
        assertThat(cache.get(2, t2)).isNull();
        assertThat(cache.get(3, t3)).isNotNull();
    }
}
