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

    @Test
    void aStateDocumentReadsTheSameWhateverItsLayout() throws Exception {
        EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        Instant t = Instant.parse("2026-03-20T00:00:00Z");
        LedgerState s = ledger.apply(ledger.apply(null, clinic("office_a04"), t).state(), clinic("office_p03"), t).state();
        String compact = LedgerStateCodec.toJson(s);
        // Re-indented, with the bundle first: the reader must not depend on where or how the bundle sits.
        var mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)).build();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(compact);
        var reordered = mapper.createObjectNode();
        reordered.set("bundle", tree.get("bundle"));
        tree.fields().forEachRemaining(e -> { if (!e.getKey().equals("bundle")) reordered.set(e.getKey(), e.getValue()); });
        String pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(reordered);

        assertThat(LedgerStateCodec.toJson(LedgerStateCodec.fromJson(pretty))).isEqualTo(compact);
        assertThat(LedgerStateCodec.toJson(LedgerStateCodec.fromJson(compact))).isEqualTo(compact);
    }

    @Test
    void aDocumentWithoutItsBundleIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LedgerStateCodec.fromJson(
                "{\"version\":1,\"sender\":\"A\",\"visitNumber\":\"V\",\"status\":\"OPEN\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bundle");
    }
}
