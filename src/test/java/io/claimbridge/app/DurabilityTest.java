package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged means durable: the engine is killed (SIGKILL) and what it acked is still there. */
class DurabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String message(String controlId) {
        return AppTestSupport.sample("v251", "DFT_P03").replace("P03-2.5.1", controlId);
    }

    private static List<String> storedControlIds(EngineProcess e) throws Exception {
        JsonNode list = JSON.readTree(e.get("/api/messages?limit=1000"));
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("controlId").asText()));
        return ids;
    }

    @Test
    void killedAfterNAcksRestartsWithExactlyThoseNAndResendsAreNotStoredTwice() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        int http = AppTestSupport.freePort();
        int mllp = AppTestSupport.freePort();
        int n = 200;
        List<String> sent = new ArrayList<>();
        try (EngineProcess engine = EngineProcess.start(data, http, mllp)) {
            try (MllpClient c = new MllpClient(mllp)) {
                for (int i = 0; i < n; i++) {
                    String id = "DUR-" + i;
                    assertThat(MllpClient.field(c.exchange(message(id)), "MSA", 1)).isEqualTo("AA");
                    sent.add(id);
                }
            }
            engine.kill(); // straight after the last ACK
        }
        try (EngineProcess engine = EngineProcess.start(data, http, mllp)) {
            List<String> stored = storedControlIds(engine);
            assertThat(stored).containsExactlyInAnyOrderElementsOf(sent);
            try (MllpClient c = new MllpClient(mllp)) {
                for (String id : sent.subList(0, 50)) {
                    String ack = c.exchange(message(id));
                    assertThat(MllpClient.field(ack, "MSA", 1)).isEqualTo("AA");
                    assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo(id);
                }
            }
            assertThat(storedControlIds(engine)).hasSize(n);
        }
    }

    @Test
    void killedUnderConcurrentLoadLosesNoAcknowledgedMessage() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        int http = AppTestSupport.freePort();
        int mllp = AppTestSupport.freePort();
        Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (EngineProcess engine = EngineProcess.start(data, http, mllp)) {
            engine.killUnderLoad(8, () -> acked.size() >= 300, (thread, stop) -> {
                try (MllpClient c = new MllpClient(mllp)) {
                    for (int i = 0; !stop.get() && i < 100_000; i++) {
                        String id = "CON-" + thread + "-" + i;
                        String ack = c.exchange(message(id));
                        if (ack != null && "AA".equals(MllpClient.field(ack, "MSA", 1))) {
                            acked.add(id);
                        }
                    }
                }
            });
        }
        try (EngineProcess engine = EngineProcess.start(data, http, mllp)) {
            Set<String> stored = new HashSet<>();
            // page through everything stored (acked ones, plus any committed whose ACK was cut off)
            JsonNode list = JSON.readTree(engine.get("/api/messages?limit=1000"));
            list.forEach(m -> stored.add(m.get("controlId").asText()));
            assertThat(list.size()).as("test assumes under 1000 stored").isLessThan(1000);
            assertThat(stored).containsAll(acked);
        }
    }
}
