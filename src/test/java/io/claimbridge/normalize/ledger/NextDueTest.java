package io.claimbridge.normalize.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.claimbridge.normalize.Samples;

/** When the ledger clock must look at a visit again: never later than a release can happen, and not for nothing. */
class NextDueTest {
    private static final Duration HOLD = Duration.ofDays(3);
    private final EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(HOLD));
    private static final Instant T0 = Instant.parse("2026-03-10T14:00:00Z");
    private static final Instant DISCHARGED = Instant.parse("2026-03-14T15:30:00Z"); // adt_a03_v251 PV1-45

    @Test
    void aStayIsDueWhenItsHoldAfterDischargeEndsAndThenOnlyAfterAChange() {
        LedgerState s = ledger.apply(null, Samples.hl7("adt_a01_v23.hl7"), T0).state();
        assertThat(ledger.nextDue(s)).as("not discharged").isNull();
        s = ledger.apply(s, Samples.hl7("dft_p03_v251.hl7"), T0.plusSeconds(60)).state();
        assertThat(ledger.nextDue(s)).as("charges, still not discharged").isNull();
        s = ledger.apply(s, Samples.hl7("adt_a03_v251.hl7"), DISCHARGED.plusSeconds(60)).state();

        Instant due = ledger.nextDue(s);
        assertThat(due).isEqualTo(DISCHARGED.plus(HOLD));
        assertThat(ledger.evaluate(s, due.minusMillis(1)).releases()).isEmpty();
        LedgerResult released = ledger.evaluate(s, due);
        assertThat(released.releases()).hasSize(1);
        assertThat(ledger.nextDue(released.state())).as("billed and unchanged").isNull();

        Instant late = due.plus(Duration.ofDays(1));
        LedgerState changed = ledger.apply(released.state(), Samples.hl7("dft_p03_late_v251.hl7"), late).state();
        Instant replacementDue = ledger.nextDue(changed);
        assertThat(replacementDue).isEqualTo(late.plus(HOLD));
        assertThat(ledger.evaluate(changed, replacementDue.minusMillis(1)).releases()).isEmpty();
        assertThat(ledger.evaluate(changed, replacementDue).releases()).singleElement()
                .satisfies(r -> assertThat(r.record().frequency()).isEqualTo(7));
    }

    @Test
    void aProfessionalDayIsDueWhenItHasClosedAndTheHoldHasPassed() {
        Instant sameDay = Instant.parse("2026-03-05T18:00:00Z"); // the charges' date of service (UTC policy zone)
        LedgerState s = ledger.apply(null, Samples.hl7("acme_east_a04_v251.hl7"), sameDay).state();
        LedgerResult r = ledger.apply(s, Samples.hl7("acme_east_p03_v251.hl7"), sameDay);
        assertThat(r.releases()).isEmpty();
        Instant due = ledger.nextDue(r.state());
        assertThat(due).isEqualTo(Instant.parse("2026-03-06T00:00:00Z").plus(HOLD));
        assertThat(ledger.evaluate(r.state(), due.minusMillis(1)).releases()).isEmpty();
        assertThat(ledger.evaluate(r.state(), due).releases()).isNotEmpty();
    }

    @Test
    void aVisitNoAdtHasNamedIsNeverDue() {
        LedgerState s = ledger.apply(null, Samples.hl7("dft_p03_v251.hl7"), T0).state();
        assertThat(s.status()).isEqualTo(LedgerStatus.PENDING);
        assertThat(ledger.nextDue(s)).isNull();
    }
}
