package io.claimbridge.normalize.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

import io.claimbridge.normalize.Samples;

/** Guarantor accounts across merges: GT1 replaces, no GT1 keeps; the stored JSON keeps them too. */
class LedgerAccountsTest {

    private final EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ofDays(3)));
    private static final Instant T0 = Instant.parse("2026-03-10T14:00:00Z");

    private LedgerState step(LedgerState s, String sample, Instant now) {
        LedgerState next = ledger.apply(s, Samples.hl7(sample), now).state();
        return LedgerStateCodec.fromJson(LedgerStateCodec.toJson(next));
    }

    @Test
    void gt1ReplacesAndAbsenceKeeps() {
        LedgerState s = step(null, "adt_a01_gt1_v23.hl7", T0);
        assertThat(s.encounter().accounts()).singleElement().satisfies(a -> {
            assertThat(a.getGuarantor()).hasSize(2);
            assertThat(a.getGuarantorFirstRep().getParty().getReference()).isEqualTo(s.encounter().patient().getId());
        });

        LedgerState kept = step(s, "adt_a08_v251.hl7", T0.plus(Duration.ofDays(1)));
        assertThat(kept.encounter().accounts()).as("A08 without GT1 keeps the guarantors").singleElement()
                .satisfies(a -> assertThat(a.getGuarantor()).hasSize(2));
        // charges do not touch the account either
        kept = step(kept, "dft_p03_v251.hl7", T0.plus(Duration.ofDays(2)));
        assertThat(kept.encounter().accounts()).singleElement().satisfies(a -> assertThat(a.getGuarantor()).hasSize(2));

        LedgerState replaced = step(kept, "adt_a08_gt1_v251.hl7", T0.plus(Duration.ofDays(3)));
        Account a = replaced.encounter().accounts().get(0);
        assertThat(replaced.encounter().accounts()).hasSize(1);
        assertThat(a.getGuarantor()).singleElement().satisfies(g -> assertThat(g.getParty().getReference()).isEqualTo("#guarantor-1"));
        assertThat(a.getContained()).singleElement().isInstanceOfSatisfying(Organization.class,
                o -> assertThat(o.getName()).isEqualTo("ACME FURNITURE"));
        // the rest of the merge is unaffected: charges survived
        assertThat(replaced.encounter().claim().getItem()).hasSize(3);
    }

    @Test
    void releasedEncounterCarriesTheAccount() {
        EncounterLedger now = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        Instant t = Instant.parse("2026-03-20T00:00:00Z");
        LedgerResult r = now.apply(null, Samples.hl7("adt_a01_gt1_v23.hl7"), t);
        r = now.apply(r.state(), Samples.hl7("dft_p03_v251.hl7"), t);
        r = now.apply(r.state(), Samples.hl7("adt_a03_v251.hl7"), t);
        assertThat(r.releases()).singleElement().satisfies(rel -> assertThat(rel.encounter().accounts()).hasSize(1));
    }
}
