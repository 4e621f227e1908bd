package io.claimbridge.normalize.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.Samples;
import org.junit.jupiter.api.Test;

/** A stored ledger (as the app keeps it, JSON) must not look changed to the clock: no spurious replacement. */
class LedgerStateRoundTripTest {
    private static NormalizedMessage clinic(String name) {
        return Samples.HL7.normalize(Samples.read("delivery/" + name + ".hl7").replace("\n", "\r"), "ACME_EAST");
    }

    private static LedgerState stored(LedgerState s) {
        return LedgerStateCodec.fromJson(LedgerStateCodec.toJson(s));
    }

    @Test
    void aReleasedClaimIsNotReplacedAfterTheStateWasStoredAndRead() {
        EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        Instant t = Instant.parse("2026-03-20T00:00:00Z");
        LedgerResult r = ledger.apply(null, clinic("office_a04"), t);
        r = ledger.apply(stored(r.state()), clinic("office_p03"), t);
        assertThat(r.releases()).hasSize(1);
        // Charges of 145.00 must stay 145.00: a double round trip (145.0) changed the content hash.
        assertThat(ledger.evaluate(stored(r.state()), t.plusSeconds(30)).releases()).isEmpty();
    }
}
