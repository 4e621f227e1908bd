package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP 2xx means durable for FHIR too: the engine is SIGKILLed under load and every 201 is still there. */
class FhirDurabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String encounter(String id) {
        return "{\"resourceType\":\"Encounter\",\"identifier\":[{\"system\":\"urn:dur\",\"value\":\"" + id + "\"}],"
                + "\"status\":\"finished\",\"class\":{\"code\":\"AMB\"},\"subject\":{\"reference\":\"Patient/1\"},"
                + "\"period\":{\"start\":\"2025-03-12\"}}";
    }

    private static HttpResponse<String> post(HttpClient http, int port, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Encounter"))
                .header("Authorization", TestTokens.bearer())
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "identifier=urn:dur|" + id)
                .POST(HttpRequest.BodyPublishers.ofString(encounter(id))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void killedUnderLoadKeepsEveryCreatedResourceAndItsMessage() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        int httpPort = AppTestSupport.freePort();
        int mllp = AppTestSupport.freePort();
        Map<String, String> created = new ConcurrentHashMap<>(); // identifier -> Location
        try (EngineProcess engine = EngineProcess.start(data, httpPort, mllp)) {
            engine.killUnderLoad(4, () -> created.size() >= 150, (thread, stop) -> {
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; !stop.get() && i < 100_000; i++) {
                    String id = "FD-" + thread + "-" + i;
                    HttpResponse<String> r = post(http, httpPort, id);
                    if (r.statusCode() == 201) {
                        created.put(id, r.headers().firstValue("Location").orElseThrow());
                    }
                }
            });
        }
        try (EngineProcess engine = EngineProcess.start(data, httpPort, mllp)) {
            Set<String> stored = new HashSet<>();
            JsonNode list = JSON.readTree(engine.get("/api/messages?sender=fhir&limit=1000"));
            list.forEach(m -> stored.add(m.get("controlId").asText()));
            assertThat(list.size()).as("test assumes under 1000 stored").isLessThan(1000);
            assertThat(stored).containsAll(created.keySet().stream().map(id -> "urn:dur|" + id).toList());

            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, String> c : created.entrySet()) {
                String location = c.getValue().replaceFirst("/_history/.*$", "");
                HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(location))
                                .header("Authorization", TestTokens.bearer()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).as(location).isEqualTo(200);
                assertThat(read.body()).contains(c.getKey());
            }
            // A resend after the restart is recognised: 200 and the same Location, nothing stored again.
            String first = created.keySet().iterator().next();
            HttpResponse<String> again = post(http, httpPort, first);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("Location").orElseThrow()).isEqualTo(created.get(first));
            assertThat(JSON.readTree(engine.get("/api/messages?sender=fhir&controlId=urn:dur%7C" + first + "&limit=10")))
                    .hasSize(1);
        }
    }
}
