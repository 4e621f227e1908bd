package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimbridge.store.ClaimStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Issue 4 end to end: a bad code over MLLP holds the claim; a coder's correction releases it. */
class WorkQueueTest extends ClaimApiTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void headerCodeHoldsTheClaimAndACorrectionReleasesIt() throws Exception {
        // outpatient registration + charges; J18 is a category header, not a billable code
        String a04 = visit("ADT_A04", "VWQ1", "WQ-A04").replace("J18.9", "J18");
        String dft = visit("DFT_P03", "VWQ1", "WQ-P03").replace("J18.9", "J18");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(a04), "MSA", 1)).isEqualTo("AA");
            assertThat(MllpClient.field(c.exchange(dft), "MSA", 1)).isEqualTo("AA");
        }
        await(Duration.ofSeconds(20), () -> heldClaimFor("WQ-P03") != null, "claim held");
        ClaimStore.ClaimRow held = heldClaimFor("WQ-P03");

        List<Map<String, Object>> queue = http.getForObject("/api/workqueue", List.class);
        Map<String, Object> item = queue.stream()
                .filter(q -> ((Number) ((Map<?, ?>) q.get("claim")).get("id")).longValue() == held.id())
                .findFirst().orElseThrow();
        List<Map<String, Object>> issues = (List<Map<String, Object>>) item.get("issues");
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.get("severity")).isEqualTo("error");
            assertThat((String) i.get("edit")).startsWith("CB-DX-");
            assertThat((String) i.get("expression")).startsWith("Claim.diagnosis[");
            assertThat((String) i.get("message")).contains("J18");
        });
        assertThat(deliveries.forClaim(held.id())).as("a held claim is not forwarded").isEmpty();

        // traceable by ids: message -> claims, claim -> encounter -> claims
        long messageId = held.messageId();
        assertThat(JSON.readTree(http.getForObject("/api/messages/" + messageId, String.class)).get("claims").toString())
                .isEqualTo("[" + held.id() + "]");
        JsonNode encounter = JSON.readTree(http.getForObject("/api/encounters/" + held.encounterId(), String.class));
        assertThat(encounter.get("visitNumber").asText()).isEqualTo("VWQ1");
        assertThat(encounter.get("claims").get(0).get("id").asLong()).isEqualTo(held.id());

        // the coder fixes the code on the Claim and sends it back
        JsonNode detail = JSON.readTree(http.getForObject("/api/claims/" + held.id(), String.class));
        JsonNode claim = null;
        for (JsonNode e : detail.get("bundle").get("entry")) {
            if (e.get("resource").get("resourceType").asText().equals("Claim")) {
                claim = e.get("resource");
            }
        }
        for (JsonNode d : claim.get("diagnosis")) {
            ObjectNode coding = (ObjectNode) d.get("diagnosisCodeableConcept").get("coding").get(0);
            if (coding.get("code").asText().replace(".", "").equals("J18")) {
                coding.put("code", "J18.9");
            }
        }
        ResponseEntity<String> noUser = put(held.id(), claim.toString(), null);
        assertThat(noUser.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(put(held.id(), claim.toString(), "c".repeat(65)).getStatusCode())
                .as("a user name that would not fit the event's actor").isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<String> r = put(held.id(), claim.toString(), "coder.jane");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode after = JSON.readTree(r.getBody());
        assertThat(after.get("claim").get("status").asText()).isEqualTo("RELEASED");
        // who (X-Claimbridge-User) and the token that vouched for it
        assertThat(after.get("claim").get("updatedBy").asText()).isEqualTo("coder.jane (token " + TestTokens.ALL_NAME + ")");
        assertThat(after.get("claim").get("errors").asInt()).isZero();
        assertThat(claims.events(held.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("UPDATED");
            assertThat(e.actor()).isEqualTo("coder.jane (token " + TestTokens.ALL_NAME + ")");
        });
        assertThat(deliveries.forClaim(held.id())).as("released claims get their delivery records").isNotEmpty();

        // a released claim is no longer in the queue and cannot be "corrected" again
        assertThat(http.getForObject("/api/workqueue", String.class)).doesNotContain("\"id\":" + held.id() + ",");
        assertThat(put(held.id(), claim.toString(), "coder.jane").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void correctionThatStillFailsKeepsTheClaimHeld() throws Exception {
        String a04 = visit("ADT_A04", "VWQ2", "WQ2-A04").replace("J18.9", "J18");
        String dft = visit("DFT_P03", "VWQ2", "WQ2-P03").replace("J18.9", "J18");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            c.exchange(a04);
            c.exchange(dft);
        }
        await(Duration.ofSeconds(20), () -> heldClaimFor("WQ2-P03") != null, "claim held");
        ClaimStore.ClaimRow held = heldClaimFor("WQ2-P03");
        JsonNode detail = JSON.readTree(http.getForObject("/api/claims/" + held.id(), String.class));
        JsonNode claim = null;
        for (JsonNode e : detail.get("bundle").get("entry")) {
            if (e.get("resource").get("resourceType").asText().equals("Claim")) {
                claim = e.get("resource");
            }
        }
        ResponseEntity<String> r = put(held.id(), claim.toString(), "coder.joe");
        assertThat(JSON.readTree(r.getBody()).get("claim").get("status").asText()).isEqualTo("HELD");
        assertThat(put(held.id(), "{\"resourceType\":\"Patient\"}", "coder.joe").getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(put(held.id(), "not json", "coder.joe").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<String> put(long id, String body, String user) {
        return put("/api/claims/" + id, body, user);
    }

    private ClaimStore.ClaimRow heldClaimFor(String controlId) {
        return claimsOf(controlId).stream().filter(c -> c.status().equals("HELD")).findFirst().orElse(null);
    }
}
