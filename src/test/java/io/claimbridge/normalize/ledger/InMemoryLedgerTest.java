package io.claimbridge.normalize.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.claimbridge.model.Canonical;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.Samples;

/**
 * The engine keeps ledger states in memory between messages and stores them as JSON: a chain of
 * messages must give the same states and releases either way, and applying a message must change
 * neither the state nor the message it was given (states are shared, never copied whole).
 */
class InMemoryLedgerTest {
    private static final Duration HOLD = Duration.ofDays(3);
    private static final Instant T0 = Instant.parse("2026-03-10T14:00:00Z");

    static List<List<String>> chains() {
        return List.of(
                List.of("adt_a01_v23.hl7", "adt_a08_v251.hl7", "dft_p03_v251.hl7", "adt_a03_v251.hl7",
                        "dft_p03_late_v251.hl7", "adt_a13_v251.hl7", "adt_a03_v251.hl7", "adt_a11_v251.hl7"),
                List.of("dft_p03_v251.hl7", "adt_a01_v23.hl7", "dft_p03_v251.hl7", "adt_a03_v251.hl7"),
                List.of("adt_a01_gt1_v23.hl7", "adt_a08_gt1_v251.hl7", "dft_p03_v251.hl7", "adt_a03_v251.hl7"),
                List.of("acme_east_a04_v251.hl7", "acme_east_p03_v251.hl7"),
                List.of("delivery/inpatient_a01.hl7", "delivery/inpatient_p03.hl7", "delivery/inpatient_a03.hl7"),
                List.of("delivery/office_a04.hl7", "delivery/office_p03.hl7"));
    }

    @ParameterizedTest
    @MethodSource("chains")
    void inMemoryAndStoredStatesGiveTheSameResults(List<String> chain) {
        EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(HOLD));
        LedgerState memory = null;
        LedgerState stored = null;
        Instant now = T0;
        for (String sample : chain) {
            now = now.plus(Duration.ofDays(4)); // past the hold: releases happen along the way
            NormalizedMessage msg = Samples.hl7(sample);
            String msgBefore = FhirR4.encode(msg.encounter().toBundle());
            String stateBefore = memory == null ? null : LedgerStateCodec.toJson(memory);

            LedgerResult a = ledger.apply(memory, msg, now);
            LedgerResult b = ledger.apply(stored, Samples.hl7(sample), now);

            assertThat(FhirR4.encode(msg.encounter().toBundle())).as("%s: message unchanged", sample).isEqualTo(msgBefore);
            if (memory != null) {
                assertThat(LedgerStateCodec.toJson(memory)).as("%s: earlier state unchanged", sample).isEqualTo(stateBefore);
            }
            assertThat(LedgerStateCodec.toJson(a.state())).as("%s: state", sample).isEqualTo(LedgerStateCodec.toJson(b.state()));
            assertThat(a.releases()).hasSameSizeAs(b.releases());
            for (int i = 0; i < a.releases().size(); i++) {
                assertThat(FhirR4.encode(a.releases().get(i).encounter().toBundle())).as("%s: release %d", sample, i)
                        .isEqualTo(FhirR4.encode(b.releases().get(i).encounter().toBundle()));
            }
            memory = a.state();
            stored = LedgerStateCodec.fromJson(LedgerStateCodec.toJson(b.state()));
        }
    }

    @ParameterizedTest
    @MethodSource("chains")
    void theContentHashIsThatOfTheClaimWithoutWhatAReleaseSets(List<String> chain) throws Exception {
        EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        LedgerState s = null;
        Instant now = T0;
        int released = 0;
        for (String sample : chain) {
            now = now.plus(Duration.ofDays(4));
            LedgerResult r = ledger.apply(s, Samples.hl7(sample), now);
            s = r.state();
            released += r.releases().size();
            for (Release rel : r.releases()) {
                Claim claim = rel.encounter().claim();
                String before = FhirR4.encode(claim);
                assertThat(EncounterLedger.hash(claim)).isEqualTo(deepCopyHash(claim));
                assertThat(FhirR4.encode(claim)).as("hashing leaves the claim as it was").isEqualTo(before);
            }
        }
        assertThat(released).as("the chain released claims to hash").isPositive();
    }

    /** The reference: a deep copy with the release-set fields removed, encoded by HAPI itself. */
    private static String deepCopyHash(Claim claim) throws Exception {
        Claim c = claim.copy();
        c.setCreated(null);
        c.getIdentifier().clear();
        c.getRelated().clear();
        c.setStatus(null);
        c.getExtension().removeIf(e -> Canonical.EXT_FREQUENCY.equals(e.getUrl()) || Canonical.EXT_TYPE_OF_BILL.equals(e.getUrl()));
        c.setId((String) null);
        String json = FhirR4.json().encodeResourceToString(c);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    }
}
