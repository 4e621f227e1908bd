package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@ExtendWith(OutputCaptureExtension.class)
class MessageApiTest extends AppTestSupport {
    @Autowired
    TestRestTemplate http;

    @Test
    @SuppressWarnings("unchecked")
    void listGetAndReprocess() throws Exception {
        String msg = sample("v251", "ADT_A03").replace("A03-2.5.1", "API-1");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(msg), "MSA", 1)).isEqualTo("AA");
        }
        List<Map<String, Object>> list = http.getForObject("/api/messages?sender=default&controlId=API-1", List.class);
        assertThat(list).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("sender", "default").containsEntry("controlId", "API-1")
                    .containsEntry("messageType", "ADT").containsEntry("triggerEvent", "A03")
                    .containsEntry("version", "2.5.1").containsKeys("id", "status", "receivedAt", "error");
        });
        long id = ((Number) list.get(0).get("id")).longValue();
        await(Duration.ofSeconds(10), () -> store.get(id).orElseThrow().status() == MessageStatus.PROCESSED, "processed");

        Map<String, Object> one = http.getForObject("/api/messages/" + id, Map.class);
        assertThat((String) one.get("raw")).isEqualTo(msg);
        assertThat(((Map<String, Object>) one.get("message")).get("status")).isEqualTo("PROCESSED");

        ResponseEntity<Map> again = http.postForEntity("/api/messages/" + id + "/reprocess", null, Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await(Duration.ofSeconds(10), () -> {
            StoredMessage m = store.get(id).orElseThrow();
            return m.status() == MessageStatus.PROCESSED && m.attempts() == 2;
        }, "reprocessed");

        List<Map<String, Object>> processed = http.getForObject("/api/messages?status=processed&limit=1000", List.class);
        assertThat(processed).extracting(m -> m.get("controlId")).contains("API-1");

        assertThat(http.getForEntity("/api/messages/999999999", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/messages?status=NOPE", Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/messages?limit=5000", Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void messageThatFailsProcessingEndsInErrorWithAReason() {
        // accepted by original mode (header is fine), but the body cannot be parsed: ERROR, visible
        String msg = "MSH|^~\\&|EPICADT|GOODHEALTH|CB|CB|2025||ADT^A08^ADT_A01|API-ERR|P|2.5.1\rPV|1\r";
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(msg), "MSA", 1)).isEqualTo("AA");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await(Duration.ofSeconds(10), () -> store.list(new MessageQuery("default", "API-ERR", null, 1)).get(0).status()
                == MessageStatus.ERROR, "error status");
        assertThat(store.list(new MessageQuery("default", "API-ERR", null, 1)).get(0).error()).isNotBlank();
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthIsUpWithListenersAndStore() {
        Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
        assertThat(health).containsEntry("status", "UP");
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat((Map<String, Object>) components.get("listeners")).containsEntry("status", "UP");
        assertThat((Map<String, Object>) components.get("db")).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) components.get("listeners")).get("details");
        assertThat(details).containsKeys("mllp-default", "mllp-strict");
    }

    @Test
    void noPatientDataInTheLogs(CapturedOutput output) throws Exception {
        String bad = sample("v251", "ADT_A01").replace("A01-2.5.1", "PHI-1").replace("|2.5.1", "|9.9");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            c.exchange(bad);
            c.sendRaw(("garbage EVERYWOMAN\r" + "\u000b" + sample("v251", "ADT_A01").substring(0, 300)).getBytes());
            c.exchange(sample("v251", "ADT_A01").replace("A01-2.5.1", "PHI-2"));
            c.exchange("MSH|^~\\&|A|B|C|D|2025||ADT^A01|PHI-3|P|2.5.1\rPID|1||MRN100234\u0002^^^H^MR||EVERYWOMAN^EVE\r");
        }
        await(Duration.ofSeconds(5), () -> output.getAll().contains("PHI-3"), "log of the reject");
        assertThat(output.getAll()).doesNotContain("EVERYWOMAN").doesNotContain("MRN100234").doesNotContain("19620320");
    }
}
