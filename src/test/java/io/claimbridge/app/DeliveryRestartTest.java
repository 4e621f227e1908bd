package io.claimbridge.app;

import static io.claimbridge.app.DeliveryTestFiles.INPATIENT_CLAIM;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the engine (own JVM) is killed with SIGKILL while a send is in
 * flight — the insurer has stored the Claim but not answered, and the two 837 batches are
 * committed as SENDING with their control numbers but not yet sent. After restart each
 * destination holds the claim exactly once: the insurer's is found by identifier and not resent,
 * the 837s go out under the batch keys (ISA13) fixed before the crash.
 */
class DeliveryRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void killedMidDeliveryRestartsAndDeliversEachClaimExactlyOncePerDestination() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path drop = tmp.resolve("drop");
        int http = AppTestSupport.freePort();
        int mllp = AppTestSupport.freePort();
        int hospital = AppTestSupport.freePort();
        int clinic = AppTestSupport.freePort();
        int sftpPort = AppTestSupport.freePort();
        int insurerPort = AppTestSupport.freePort();
        RecordingInsurer insurer = new RecordingInsurer();
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        insurer.holdNextAnswer(arrived, release);

        // Insurer first in the route, so its send is the one in flight when the engine dies.
        Path routing = tmp.resolve("routing.yml");
        Files.writeString(routing, """
                version: 1
                defaults:
                  batch: {maxClaims: 50, maxSeconds: 1}
                  retry: {maxAttempts: 30, initialBackoff: 200ms, multiplier: 1.5, maxBackoff: 1s, jitter: 0.2}
                destinations:
                  insurer:
                    format: FHIR_CLAIM
                    transport: {type: fhir, baseUrl: "http://127.0.0.1:%d/test-insurer", auth: {bearerToken: %s}}
                  clearinghouse-sftp:
                    format: AUTO
                    transport: {type: sftp, host: 127.0.0.1, port: %d, user: %s, password: %s, directory: /inbound,
                                hostKeyFingerprint: "%s"}
                    x12:
                      sender: {qualifier: ZZ, id: SPRINGFIELDGH}
                      receiver: {qualifier: ZZ, id: CLEARHOUSE01}
                      submitter: {name: Springfield General, id: SUB01, email: edi@example.org}
                      receiverName: Clearing House
                  clearinghouse:
                    format: AUTO
                    transport: {type: file, directory: "%s"}
                payers:
                  "*": [insurer, clearinghouse-sftp, clearinghouse]
                """.formatted(insurerPort, RecordingInsurer.TOKEN, sftpPort, TestSftpServer.USER,
                TestSftpServer.PASSWORD, TestSftpServer.hostKeyFingerprint(), drop));
        String[] args = {
                "--claimbridge.routing-file=" + routing,
                "--camel.main.routes-include-pattern=" + DeliveryTestFiles.ROUTES,
                "--test.delivery.hospital-port=" + hospital,
                "--test.delivery.clinic-port=" + clinic,
                "--claimbridge.ledger-tick=1s",
                "--claimbridge.delivery.poll-interval=200ms",
                "--claimbridge.delivery.timeout=5s"};

        try (InsurerServer ignored = InsurerServer.start(insurer, insurerPort, tmp.resolve("tomcat"));
             TestSftpServer sftp = new TestSftpServer(sftpPort, tmp.resolve("sftp"), null).start()) {
            String sftpKey;
            String fileKey;
            try (EngineProcess engine = EngineProcess.start(data, http, mllp, args)) {
                assertThat(DeliveryTestFiles.sendOverMllp(hospital, DeliveryTestFiles.INPATIENT)).containsOnly("AA");
                assertThat(arrived.await(60, TimeUnit.SECONDS)).as("the insurer got the claim").isTrue();
                sftpKey = batchKey(engine, "clearinghouse-sftp");
                fileKey = batchKey(engine, "clearinghouse");
                engine.kill(); // the insurer's answer never reaches it
            }
            release.countDown();
            assertThat(insurer.createdClaims()).hasSize(1);
            assertThat(sftpKey).matches("clearinghouse-sftp-\\d{9}\\.837");
            assertThat(fileKey).matches("clearinghouse-\\d{9}\\.837");

            try (EngineProcess engine = EngineProcess.start(data, http, mllp, args)) {
                AppTestSupport.await(Duration.ofSeconds(60), () -> allDone(engine), "every delivery done after restart");
                JsonNode claims = JSON.readTree(engine.get("/api/deliveries?limit=10"));
                assertThat(claims).hasSize(3);
            }
            assertThat(insurer.transactions()).as("found by identifier, not sent again").isEqualTo(1);
            assertThat(insurer.createdClaims()).hasSize(1);
            List<Path> uploaded = DeliveryTestFiles.interchanges(sftp.inbound());
            assertThat(uploaded).extracting(p -> p.getFileName().toString()).containsExactly(sftpKey);
            assertThat(DeliveryTestFiles.claimIds(uploaded)).containsExactly(INPATIENT_CLAIM);
            // Re-rendered after the restart from the stored claim: the same line item control numbers.
            assertThat(DeliveryTestFiles.controlNumbers(DeliveryTestFiles.parse(uploaded.get(0)).findLoop("2300").get(0)))
                    .containsExactly("TXD1", "TXD2", "TXD3");
            List<Path> dropped = DeliveryTestFiles.interchanges(drop);
            assertThat(dropped).extracting(p -> p.getFileName().toString()).containsExactly(fileKey);
            assertThat(DeliveryTestFiles.claimIds(dropped)).containsExactly(INPATIENT_CLAIM);
            // The ISA13 in the file is the one reserved before the crash (the key names it).
            assertThat(DeliveryTestFiles.parse(uploaded.get(0)).getSegment("ISA").getElementValue("ISA13"))
                    .isEqualTo(sftpKey.substring("clearinghouse-sftp-".length(), sftpKey.length() - 4));
        } finally {
            release.countDown();
        }
    }

    private static String batchKey(EngineProcess engine, String destination) throws Exception {
        List<String> keys = new ArrayList<>();
        AppTestSupport.await(Duration.ofSeconds(10), () -> {
            try {
                keys.clear();
                JSON.readTree(engine.get("/api/deliveries?destination=" + destination)).forEach(d -> {
                    if (!d.get("batchKey").isNull()) {
                        keys.add(d.get("batchKey").asText());
                    }
                });
                return keys.size() == 1;
            } catch (Exception e) {
                return false;
            }
        }, "batch key of " + destination);
        return keys.get(0);
    }

    private static boolean allDone(EngineProcess engine) {
        try {
            JsonNode list = JSON.readTree(engine.get("/api/deliveries?limit=10"));
            if (list.size() != 3) {
                return false;
            }
            for (JsonNode d : list) {
                if (!DeliveryStatus.DONE.contains(d.get("status").asText())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
