package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's ledger over the wire and across restarts of the application: the visit's state
 * survives a kill between messages, and the released claims carry the final diagnoses and the
 * netted charge lines.
 */
class LedgerRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String resource(String name) {
        try (InputStream in = LedgerRestartTest.class.getResourceAsStream("/hl7/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(EngineProcess e, String message) throws Exception {
        try (MllpClient c = new MllpClient(e.mllpPort)) {
            assertThat(MllpClient.field(c.exchange(message), "MSA", 1)).isEqualTo("AA");
        }
    }

    private static JsonNode get(EngineProcess e, String path) throws Exception {
        return JSON.readTree(e.get(path));
    }

    /** Claims released by the message with this control id (waits for processing). */
    private static JsonNode claimsOf(EngineProcess e, String controlId) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            JsonNode msgs = get(e, "/api/messages?controlId=" + controlId);
            if (msgs.size() == 1 && msgs.get(0).get("status").asText().matches("PROCESSED|ERROR")) {
                assertThat(msgs.get(0).get("status").asText()).as(controlId + " " + msgs.get(0).get("error")).isEqualTo("PROCESSED");
                return get(e, "/api/claims?messageId=" + msgs.get(0).get("id").asLong());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(controlId + " not processed");
    }

    private static JsonNode claimResource(EngineProcess e, long claimPk) throws Exception {
        for (JsonNode entry : get(e, "/api/claims/" + claimPk).get("bundle").get("entry")) {
            if (entry.get("resource").get("resourceType").asText().equals("Claim")) {
                return entry.get("resource");
            }
        }
        throw new AssertionError("no Claim in bundle");
    }

    private static List<String> codes(JsonNode claim, String element, String concept) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : claim.get(element)) {
            out.add(n.get(concept).get("coding").get(0).get("code").asText());
        }
        return out;
    }

    @Test
    void admitUpdateChargesDischargeAcrossRestartsGivesOneClaimThenAReplacement() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        int http = AppTestSupport.freePort();
        int mllp = AppTestSupport.freePort();
        try (EngineProcess e = EngineProcess.start(data, http, mllp)) {
            send(e, resource("adt_a01_v23.hl7"));
            send(e, resource("adt_a08_v251.hl7"));
            assertThat(claimsOf(e, "GH0002").size()).isZero();
            e.kill();
        }
        long claimPk;
        try (EngineProcess e = EngineProcess.start(data, http, mllp)) {
            send(e, resource("dft_p03_v251.hl7"));
            assertThat(claimsOf(e, "GH0003").size()).as("no claim before discharge").isZero();
            send(e, resource("adt_a03_v251.hl7"));
            JsonNode released = claimsOf(e, "GH0004");
            assertThat(released.size()).isEqualTo(1);
            assertThat(released.get(0).get("frequency").asText()).isEqualTo("1");
            assertThat(released.get(0).get("claimType").asText()).isEqualTo("institutional");
            claimPk = released.get(0).get("id").asLong();
            JsonNode claim = claimResource(e, claimPk);
            // final diagnoses (the A03's set; coding sequences principal, admitting, then secondary),
            // lines netted (CBC 2 - 1 credit)
            assertThat(codes(claim, "diagnosis", "diagnosisCodeableConcept"))
                    .extracting(c -> c.replace(".", "")).containsExactly("I214", "R079", "E1165", "I10", "D649");
            assertThat(codes(claim, "item", "productOrService")).containsExactly("93458", "85025", "99223");
            assertThat(claim.get("item").get(1).get("quantity").get("value").asDouble()).isEqualTo(1.0);
            assertThat(claim.get("total").get("value").asDouble()).isEqualTo(2895.00);
            e.kill();
        }
        try (EngineProcess e = EngineProcess.start(data, http, mllp)) {
            // a charge after the claim went out: a replacement (frequency 7) pointing at the original
            send(e, resource("dft_p03_late_v251.hl7"));
            JsonNode replacement = claimsOf(e, "GH0007");
            assertThat(replacement.size()).isEqualTo(1);
            assertThat(replacement.get(0).get("frequency").asText()).isEqualTo("7");
            assertThat(replacement.get(0).get("encounterId").asLong())
                    .isEqualTo(get(e, "/api/claims/" + claimPk).get("claim").get("encounterId").asLong());
            // resending a message already applied changes nothing
            send(e, resource("adt_a03_v251.hl7"));
            JsonNode all = get(e, "/api/claims?encounterId=" + replacement.get(0).get("encounterId").asLong());
            assertThat(all.size()).isEqualTo(2);
        }
    }

    @Test
    void cancelledAdmitNeverBills() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        try (EngineProcess e = EngineProcess.start(data, AppTestSupport.freePort(), AppTestSupport.freePort())) {
            send(e, resource("adt_a01_v23.hl7"));
            send(e, resource("dft_p03_v251.hl7"));
            send(e, resource("adt_a11_v251.hl7"));
            assertThat(claimsOf(e, "GH0005").size()).isZero();
            assertThat(claimsOf(e, "GH0003").size()).isZero();
        }
    }
}
