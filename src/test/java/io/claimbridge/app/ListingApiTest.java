package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimbridge.store.MessageQuery;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What an analyst watching the queues lists without knowing an id first: newest claims, visits by status. */
class ListingApiTest extends ClaimApiTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chargesWithoutAnAdtArePendingVisitsAndAClaimShowsUpAmongTheNewest() throws Exception {
        String dftOnly = visit("DFT_P03", "VLIST-PENDING", "LIST-P03-ONLY");
        String a04 = visit("ADT_A04", "VLIST-BILLED", "LIST-A04");
        String dft = visit("DFT_P03", "VLIST-BILLED", "LIST-P03");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(dftOnly), "MSA", 1)).isEqualTo("AA");
            assertThat(MllpClient.field(c.exchange(a04), "MSA", 1)).isEqualTo("AA");
            assertThat(MllpClient.field(c.exchange(dft), "MSA", 1)).isEqualTo("AA");
        }
        await(Duration.ofSeconds(20), () -> !claimsOf("LIST-P03").isEmpty(), "claim of the registered visit");
        await(Duration.ofSeconds(20), () -> processed("LIST-P03-ONLY"), "charge-only message processed");

        // no filter: the newest claims, newest first (it used to be 400 "give status, ...")
        JsonNode newest = JSON.readTree(http.getForObject("/api/claims?limit=5", String.class));
        long claimId = claimsOf("LIST-P03").get(0).id();
        assertThat(newest.size()).isBetween(1, 5);
        assertThat(newest.findValues("id").stream().map(JsonNode::asLong)).contains(claimId);
        for (int i = 1; i < newest.size(); i++) {
            assertThat(newest.get(i - 1).get("id").asLong()).isGreaterThan(newest.get(i).get("id").asLong());
        }

        // the charge-only visit waits for an ADT and is listed as PENDING, the billed one is not
        JsonNode pending = JSON.readTree(http.getForObject("/api/encounters?status=pending", String.class));
        assertThat(pending.findValuesAsText("visitKey")).contains("VLIST-PENDING").doesNotContain("VLIST-BILLED");
        assertThat(pending.findValuesAsText("status")).containsOnly("PENDING");
        assertThat(pending.get(0).has("stateJson")).as("a list carries no visit state").isFalse();

        JsonNode all = JSON.readTree(http.getForObject("/api/encounters?limit=1000", String.class));
        assertThat(all.findValuesAsText("visitKey")).contains("VLIST-PENDING", "VLIST-BILLED");

        ResponseEntity<String> bad = http.getForEntity("/api/encounters?status=LOST", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(bad.getBody()).get("detail").asText()).contains("PENDING");
        assertThat(http.getForEntity("/api/encounters?limit=0", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> tooMany = http.getForEntity("/api/claims?limit=1001", String.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(tooMany.getBody()).get("detail").asText()).isEqualTo("limit must be 1 to 1000");
        assertThat(tooMany.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    }

    private boolean processed(String controlId) {
        var msgs = store.list(new MessageQuery("default", controlId, null, 1));
        return !msgs.isEmpty() && msgs.get(0).status().name().equals("PROCESSED");
    }
}
