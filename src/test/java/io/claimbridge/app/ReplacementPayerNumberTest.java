package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imsweb.x12.Loop;
import io.claimbridge.store.ClaimStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A replacement (late charge after the claim went out) is held until the payer's claim number of
 * its original is known; setting it on the original releases it, and its 837 quotes that number in
 * REF*F8 — never our own original claim id.
 */
class ReplacementPayerNumberTest extends ClaimApiTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ICN = "ICN-2026-000781";

    @Test
    void replacementWaitsForThePayersNumberThenCarriesItInRefF8() throws Exception {
        send(DeliveryTestFiles.INPATIENT.stream().map(DeliveryTestFiles::message).toArray(String[]::new));
        await(Duration.ofSeconds(20), () -> claimOf("DLV-A03") != null, "original claim");
        ClaimStore.ClaimRow original = claimOf("DLV-A03");
        assertThat(original.frequency()).isEqualTo("1");
        assertThat(original.status()).as(original.outcomeJson()).isIn("RELEASED", "DELIVERED");

        send(lateCharge());
        await(Duration.ofSeconds(20), () -> claimOf("DLV-P03-LATE") != null, "replacement claim");
        ClaimStore.ClaimRow replacement = claimOf("DLV-P03-LATE");
        assertThat(replacement.frequency()).isEqualTo("7");
        assertThat(replacement.originalClaimId()).isEqualTo(original.claimId());
        assertThat(replacement.status()).isEqualTo("HELD");
        assertThat(deliveries.forClaim(replacement.id())).as("not sent with our own id in REF*F8").isEmpty();
        assertThat(issues(replacement.id())).anySatisfy(i -> {
            assertThat(i.get("edit")).isEqualTo("CB-CLM-002");
            assertThat(i.get("severity")).isEqualTo("error");
            assertThat((String) i.get("message")).contains("claim " + original.claimId() + ", the one it corrects")
                    .contains("REF*F8").contains("/payer-claim-number");
        });

        // the biller finds the original by our claim id and sets the payer's number on it
        JsonNode found = JSON.readTree(http.getForObject("/api/claims?claimId=" + original.claimId(), String.class));
        assertThat(found.get(0).get("id").asLong()).isEqualTo(original.id());
        String body = "{\"payerClaimNumber\":\"" + ICN + "\"}";
        assertThat(put(original.id(), body, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(put(original.id(), "{\"icn\":\"X\"}", "biller.ann").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(put(original.id(), "not json", "biller.ann").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(put(original.id(), "{\"payerClaimNumber\":\"ICN*1\"}", "biller.ann").getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(put(Long.MAX_VALUE, body, "biller.ann").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(claims.get(replacement.id()).orElseThrow().status()).isEqualTo("HELD");

        ResponseEntity<String> r = put(original.id(), body, "biller.ann");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode set = JSON.readTree(r.getBody());
        assertThat(set.get("claim").get("payerClaimNumber").asText()).isEqualTo(ICN);
        assertThat(set.get("releasedReplacements").toString()).isEqualTo("[" + replacement.id() + "]");
        assertThat(set.get("events").toString()).contains("PAYER_CLAIM_NUMBER").contains("biller.ann").contains(ICN);
        assertThat(claims.events(original.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("PAYER_CLAIM_NUMBER");
            assertThat(e.actor()).isEqualTo("biller.ann (token " + TestTokens.ALL_NAME + ")");
        });
        JsonNode again = JSON.readTree(http.getForObject("/api/claims/" + original.id(), String.class));
        assertThat(again.get("claim").get("payerClaimNumber").asText()).isEqualTo(ICN);

        ClaimStore.ClaimRow released = claims.get(replacement.id()).orElseThrow();
        assertThat(released.status()).isIn("RELEASED", "DELIVERED");
        assertThat(released.errorCount()).isZero();
        assertThat(claims.events(replacement.id())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("biller.ann (token " + TestTokens.ALL_NAME + ")");
            assertThat(e.detail()).contains("payer claim number of original " + original.claimId());
        });
        assertThat(deliveries.forClaim(replacement.id())).isNotEmpty();

        await(Duration.ofSeconds(40), () -> deliveries.forClaim(replacement.id()).stream()
                .noneMatch(d -> d.status().matches("PENDING|SENDING")), "replacement delivered");
        assertThat(deliveries.forClaim(replacement.id())).allSatisfy(d ->
                assertThat(d.status()).as(d.lastError()).isEqualTo("SENT"));
        await(Duration.ofSeconds(40), () -> claimLoop(replacement.claimId()) != null, "replacement 837 in the outbox");
        Loop clm = claimLoop(replacement.claimId());
        assertThat(clm.getSegment("CLM").getElement("CLM05").getSubValues()).last().isEqualTo("7");
        List<String> f8 = clm.getSegments().stream().filter(s -> s.getId().equals("REF"))
                .filter(s -> "F8".equals(s.getElementValue("REF01"))).map(s -> s.getElementValue("REF02")).toList();
        assertThat(f8).containsExactly(ICN);
    }

    private static void send(String... messages) throws Exception {
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            for (String m : messages) {
                assertThat(MllpClient.field(c.exchange(m), "MSA", 1)).isEqualTo("AA");
            }
        }
    }

    /** One more blood count for the stay, charged after its claim went out. */
    private static String lateCharge() {
        String dft = DeliveryTestFiles.message("inpatient_p03").replace("DLV-P03", "DLV-P03-LATE");
        String[] segments = dft.split("\r");
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (segment.startsWith("FT1|2|") || segment.startsWith("FT1|3|")) {
                continue;
            }
            out.append(segment.replace("|TXD1|", "|TXD9|")).append('\r');
        }
        return out.toString();
    }

    /** The claim released by the message with this control id, once processed. */
    private ClaimStore.ClaimRow claimOf(String controlId) {
        return claimsOf(controlId).stream().findFirst().orElse(null);
    }

    private List<Map<String, Object>> issues(long claimPk) {
        List<Map<String, Object>> queue = http.getForObject("/api/workqueue?limit=1000", List.class);
        Map<String, Object> item = queue.stream()
                .filter(q -> ((Number) ((Map<?, ?>) q.get("claim")).get("id")).longValue() == claimPk)
                .findFirst().orElseThrow();
        return (List<Map<String, Object>>) item.get("issues");
    }

    private ResponseEntity<String> put(long id, String body, String user) {
        return put("/api/claims/" + id + "/payer-claim-number", body, user);
    }

    /** Loop 2300 of this claim in an 837 the default route dropped into the outbox, or null. */
    private static Loop claimLoop(String claimId) {
        for (Path file : DeliveryTestFiles.interchanges(DATA_DIR.resolve("outbox"))) {
            if (!DeliveryTestFiles.text(file).contains("CLM*" + claimId + "*")) {
                continue;
            }
            for (Loop clm : DeliveryTestFiles.parse(file).findLoop("2300")) {
                if (claimId.equals(clm.getSegment("CLM").getElementValue("CLM01"))) {
                    return clm;
                }
            }
        }
        return null;
    }
}
