package io.claimbridge.app;

import static io.claimbridge.app.DeliveryTestFiles.INPATIENT_CLAIM;
import static io.claimbridge.app.DeliveryTestFiles.OFFICE_CLAIM;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imsweb.x12.Loop;
import com.imsweb.x12.Segment;
import io.claimbridge.model.Canonical;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deliver stage in the running app over real protocols: HL7v2 in over MLLP (HAPI client), 837s
 * out to a drop folder and to an SFTP server (Apache MINA SSHD) that is down at first, and FHIR
 * Claims to an insurer (HAPI RestfulServer in this context) that answers 503 for a while. Each
 * claim must arrive exactly once at each destination, its content matching the input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(DeliveryEndToEndTest.Insurer.class)
class DeliveryEndToEndTest {
    static final int HTTP_PORT = AppTestSupport.freePort();
    static final int MLLP_PORT = AppTestSupport.freePort();
    static final int HOSPITAL_PORT = AppTestSupport.freePort();
    static final int CLINIC_PORT = AppTestSupport.freePort();
    static final int SFTP_PORT = AppTestSupport.freePort();
    static final Path ROOT = tempDir();
    static final Path DROP = ROOT.resolve("drop");
    static final RecordingInsurer INSURER = new RecordingInsurer();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The insurer answers 503 to this many transactions before it recovers (about two per claim). */
    static final int REFUSALS = 6;

    @Autowired
    DeliveryStore deliveries;
    @Autowired
    ClaimStore claims;

    @TestConfiguration
    static class Insurer {
        @Bean
        ServletRegistrationBean<RecordingInsurer> testInsurer() {
            return new ServletRegistrationBean<>(INSURER, "/test-insurer/*");
        }

        /** The insurer checks its own bearer token; the engine's API tokens are not its business. */
        @Bean
        @Order(0)
        SecurityFilterChain testInsurerOpen(HttpSecurity http) throws Exception {
            return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/test-insurer/**"))
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .build();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path routing = ROOT.resolve("routing.yml");
        Files.writeString(routing, """
                version: 1
                defaults:
                  batch: {maxClaims: 50, maxSeconds: 1}
                  retry: {maxAttempts: 30, initialBackoff: 200ms, multiplier: 1.5, maxBackoff: 1s, jitter: 0.2}
                destinations:
                  clearinghouse:
                    format: AUTO
                    transport: {type: file, directory: "%s"}
                  clearinghouse-sftp:
                    format: AUTO
                    transport: {type: sftp, host: 127.0.0.1, port: %d, user: %s, password: %s, directory: /inbound,
                                hostKeyFingerprint: "%s"}
                    x12:
                      usage: T
                      sender: {qualifier: ZZ, id: SPRINGFIELDGH}
                      receiver: {qualifier: ZZ, id: CLEARHOUSE01}
                      submitter: {name: Springfield General, id: SUB01, contact: Billing Office, phone: "2175550100"}
                      receiverName: Clearing House
                  insurer:
                    format: FHIR_CLAIM
                    transport:
                      type: fhir
                      baseUrl: http://127.0.0.1:%d/test-insurer
                      mode: transaction
                      auth: {bearerToken: %s}
                payers:
                  "*": [clearinghouse, clearinghouse-sftp, insurer]
                """.formatted(DROP, SFTP_PORT, TestSftpServer.USER, TestSftpServer.PASSWORD,
                TestSftpServer.hostKeyFingerprint(), HTTP_PORT,
                RecordingInsurer.TOKEN));
        r.add("server.port", () -> HTTP_PORT);
        TestTokens.register(r);
        r.add("claimbridge.data-dir", () -> ROOT.resolve("data").toString());
        r.add("claimbridge.mllp.port", () -> MLLP_PORT);
        r.add("claimbridge.routing-file", routing::toString);
        r.add("camel.main.routes-include-pattern", () -> DeliveryTestFiles.ROUTES);
        r.add("test.delivery.hospital-port", () -> HOSPITAL_PORT);
        r.add("test.delivery.clinic-port", () -> CLINIC_PORT);
        r.add("claimbridge.ledger-tick", () -> "1s");
        r.add("claimbridge.delivery.poll-interval", () -> "200ms");
        r.add("claimbridge.delivery.timeout", () -> "5s");
    }

    @AfterAll
    static void cleanUp() {
        INSURER.unavailableForNext(0);
    }

    @Test
    void releasedClaimsReachEveryDestinationExactlyOnceThroughOutagesAndRetries() throws Exception {
        INSURER.unavailableForNext(REFUSALS);
        List<String> acks = new ArrayList<>(DeliveryTestFiles.sendOverMllp(HOSPITAL_PORT, DeliveryTestFiles.INPATIENT));
        acks.addAll(DeliveryTestFiles.sendOverMllp(CLINIC_PORT, DeliveryTestFiles.OFFICE));
        assertThat(acks).containsOnly("AA");

        // Both claims are released (a professional one once its day is over, by the ledger clock).
        AppTestSupport.await(Duration.ofSeconds(30), () -> releasedClaimIds().containsAll(List.of(INPATIENT_CLAIM,
                OFFICE_CLAIM)), "both claims released");
        // The drop folder gets every claim while the SFTP server is still down.
        AppTestSupport.await(Duration.ofSeconds(60), () -> allDone("clearinghouse"), "837s in the drop folder");
        AppTestSupport.await(Duration.ofSeconds(30),
                () -> deliveries.list(null, "clearinghouse-sftp", 10).stream()
                        .allMatch(d -> d.status().equals("FAILED") && d.attempts() >= 2),
                "SFTP deliveries retried while the server is down");

        try (TestSftpServer sftp = new TestSftpServer(SFTP_PORT, ROOT.resolve("sftp"), null).start()) {
            AppTestSupport.await(Duration.ofSeconds(60), () -> allDone("clearinghouse-sftp"),
                    "837s on the SFTP server after it came up");
            AppTestSupport.await(Duration.ofSeconds(60), () -> allDone("insurer"), "Claims at the insurer");
            List<String> released = releasedClaimIds();

            // Exactly once per destination: every released claim, none twice.
            assertThat(DeliveryTestFiles.claimIds(DeliveryTestFiles.interchanges(DROP)))
                    .containsExactlyInAnyOrderElementsOf(released);
            assertThat(DeliveryTestFiles.claimIds(DeliveryTestFiles.interchanges(sftp.inbound())))
                    .containsExactlyInAnyOrderElementsOf(released);
            assertThat(DeliveryTestFiles.tempFiles(DROP)).isEmpty();
            assertThat(DeliveryTestFiles.tempFiles(sftp.inbound())).isEmpty();
            assertThat(INSURER.createdClaims()).extracting(c -> c.getIdentifier().stream()
                            .filter(i -> Canonical.CLAIM_ID_SYSTEM.equals(i.getSystem())).findFirst().orElseThrow().getValue())
                    .containsExactlyInAnyOrderElementsOf(released);
            assertThat(INSURER.transactions()).as("refused with 503, then one per claim")
                    .isEqualTo(REFUSALS + released.size());

            checkInstitutional(DeliveryTestFiles.interchanges(DROP));
            checkProfessional(DeliveryTestFiles.interchanges(DROP));
            checkProfessional(DeliveryTestFiles.interchanges(sftp.inbound()));
            checkSftpEnvelope(DeliveryTestFiles.interchanges(sftp.inbound()));
            checkInsurerClaim();
        }

        AppTestSupport.await(Duration.ofSeconds(10),
                () -> claims.byStatus("RELEASED", 10).isEmpty(), "every claim DELIVERED");
        assertThat(claims.byStatus(DeliveryStatus.CLAIM_DELIVERED, 10)).extracting(ClaimStore.ClaimRow::claimId)
                .contains(INPATIENT_CLAIM, OFFICE_CLAIM);
        checkApi();
    }

    /** Claim ids of every claim released for delivery. */
    private List<String> releasedClaimIds() {
        List<String> ids = new ArrayList<>();
        claims.byStatus("RELEASED", 100).forEach(c -> ids.add(c.claimId()));
        claims.byStatus(DeliveryStatus.CLAIM_DELIVERED, 100).forEach(c -> ids.add(c.claimId()));
        return ids;
    }

    /** Every released claim has a delivery to this destination, and all of them are SENT/ACCEPTED. */
    private boolean allDone(String destination) {
        List<DeliveryStore.DeliveryRow> rows = deliveries.list(null, destination, 100);
        return rows.size() == releasedClaimIds().size()
                && rows.stream().allMatch(d -> DeliveryStatus.DONE.contains(d.status()));
    }

    private static Loop claimLoop(List<Path> files, String claimId) {
        for (Path f : files) {
            for (Loop clm : DeliveryTestFiles.parse(f).findLoop("2300")) {
                if (claimId.equals(clm.getSegment("CLM").getElementValue("CLM01"))) {
                    return clm;
                }
            }
        }
        throw new AssertionError("no claim " + claimId + " in " + files);
    }

    /** inpatient_*.hl7: three chargemaster lines, final diagnoses with POA, admitting dx. */
    private static void checkInstitutional(List<Path> files) {
        Loop clm = claimLoop(files, INPATIENT_CLAIM);
        assertThat(clm.getSegment("CLM").getElementValue("CLM02")).isEqualTo("321");
        List<String> hi = new ArrayList<>();
        for (Segment s : clm.getSegments()) {
            if (s.getId().equals("HI")) {
                hi.add(s.getElementValue("HI01"));
            }
        }
        assertThat(hi).anySatisfy(h -> assertThat(h).startsWith("ABK:J189").endsWith(":Y"));
        assertThat(hi).anySatisfy(h -> assertThat(h).startsWith("ABJ:R059"));
        List<String> lines = new ArrayList<>();
        for (Loop line : clm.findLoop("2400")) {
            Segment sv2 = line.getSegment("SV2");
            lines.add(sv2.getElementValue("SV201") + " " + sv2.getElementValue("SV202") + " "
                    + sv2.getElementValue("SV203") + " " + sv2.getElementValue("SV205"));
        }
        assertThat(lines).containsExactlyInAnyOrder("0300 HC:85025 76 2", "0320 HC:71046 160 1", "0730 HC:93000 85 1");
        // REF*6R per line: each line came from one FT1, so its FT1-2 transaction id.
        assertThat(DeliveryTestFiles.controlNumbers(clm)).containsExactly("TXD1", "TXD2", "TXD3");
        // IN1-5 of the A01 (the A03 and the DFT carry no IN1): PO BOX 100^^NASHVILLE^TN^372020001
        assertThat(payerLoop(clm)).containsExactly("NM1*PR*2*MEDICARE PART A*****PI*SMNC0", "N3*PO BOX 100",
                "N4*NASHVILLE*TN*372020001");
        assertThat(clm.findLoop("2320")).as("one IN1: no other payer").isEmpty();
    }

    /**
     * The claim's 2010BB segments as X12 text: NM1, then N3/N4 from the IN1-5 insurance company
     * address the normalizer maps into the payer Organization (fields.payerAddress).
     */
    private static List<String> payerLoop(Loop clm) {
        Loop subscriber = clm.getParent();
        while (!"2000B".equals(subscriber.getId())) {
            subscriber = subscriber.getParent();
        }
        return subscriber.getLoop("2010BB").getSegments().stream().map(Segment::toString).toList();
    }

    /** office_p03.hl7: 99213-25 pointing at both diagnoses, J1100 x4 pointing at the first. */
    private static void checkProfessional(List<Path> files) {
        Loop clm = claimLoop(files, OFFICE_CLAIM);
        assertThat(clm.getSegment("CLM").getElementValue("CLM02")).isEqualTo("157");
        Segment hi = clm.getSegment("HI");
        assertThat(hi.getElementValue("HI01")).isEqualTo("ABK:J0190");
        assertThat(hi.getElementValue("HI02")).isEqualTo("ABF:R059");
        List<Loop> lines = clm.findLoop("2400");
        assertThat(lines).hasSize(2);
        Segment visit = lines.get(0).getSegment("SV1");
        assertThat(visit.getElementValue("SV101")).isEqualTo("HC:99213:25");
        assertThat(visit.getElementValue("SV102")).isEqualTo("145");
        assertThat(visit.getElementValue("SV107")).isEqualTo("1:2");
        Segment drug = lines.get(1).getSegment("SV1");
        assertThat(drug.getElementValue("SV101")).isEqualTo("HC:J1100");
        assertThat(drug.getElementValue("SV102")).isEqualTo("12");
        assertThat(drug.getElementValue("SV104")).isEqualTo("4");
        assertThat(drug.getElementValue("SV107")).isEqualTo("1");
        assertThat(DeliveryTestFiles.controlNumbers(clm)).containsExactly("AE-D1", "AE-D2");
        // IN1-5: PO BOX 2291^^DURHAM^NC^277020001
        assertThat(payerLoop(clm)).containsExactly("NM1*PR*2*BLUE CROSS NC*****PI*56205", "N3*PO BOX 2291",
                "N4*DURHAM*NC*277020001");
        // the primary IN1-8 group number in 2000B SBR03, as on the member's card
        Loop subscriber = clm.getParent();
        while (!"2000B".equals(subscriber.getId())) {
            subscriber = subscriber.getParent();
        }
        assertThat(subscriber.getSegment("SBR").getElementValue("SBR03")).isEqualTo("G99001");
        checkOtherPayer(clm);
    }

    /**
     * office_*.hl7 have a second IN1 (COB priority 2, Aetna, insured by the patient's spouse): the
     * 837P to the primary payer tells it about that coverage in loop 2320.
     */
    private static void checkOtherPayer(Loop clm) {
        List<Loop> others = clm.findLoop("2320");
        assertThat(others).hasSize(1);
        Segment sbr = others.get(0).getSegment("SBR");
        assertThat(List.of("SBR01", "SBR02", "SBR03", "SBR09")).extracting(sbr::getElementValue)
                .containsExactly("S", "01", "G77002", "CI");
        Segment oi = others.get(0).getSegment("OI");
        assertThat(List.of("OI03", "OI06")).extracting(oi::getElementValue).containsExactly("Y", "Y");
        Segment insured = others.get(0).getLoop("2330A").getSegment("NM1");
        assertThat(List.of("NM101", "NM103", "NM104", "NM108", "NM109")).extracting(insured::getElementValue)
                .containsExactly("IL", "ROE", "LINDA", "MI", "W998877665");
        Segment payer = others.get(0).getLoop("2330B").getSegment("NM1");
        assertThat(List.of("NM101", "NM103", "NM108", "NM109")).extracting(payer::getElementValue)
                .containsExactly("PR", "AETNA", "PI", "60055");
    }

    /** The SFTP destination's own trading-partner ids and its own ISA13 sequence, named in the file. */
    private void checkSftpEnvelope(List<Path> files) {
        for (Path f : files) {
            Segment isa = DeliveryTestFiles.parse(f).getSegment("ISA");
            assertThat(isa.getElementValue("ISA06").trim()).isEqualTo("SPRINGFIELDGH");
            assertThat(isa.getElementValue("ISA08").trim()).isEqualTo("CLEARHOUSE01");
            assertThat(f.getFileName().toString()).isEqualTo("clearinghouse-sftp-" + isa.getElementValue("ISA13") + ".837");
        }
        assertThat(deliveries.list(null, "clearinghouse-sftp", 10))
                .allSatisfy(d -> assertThat(files.stream().map(p -> p.getFileName().toString())).contains(d.batchKey()));
    }

    /** The insurer's Claim kept its codes and its references resolved to what came in the same transaction. */
    private static void checkInsurerClaim() {
        Claim c = INSURER.createdClaims().stream()
                .filter(x -> x.getIdentifier().stream().anyMatch(i -> INPATIENT_CLAIM.equals(i.getValue())))
                .findFirst().orElseThrow();
        assertThat(c.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("J189");
        assertThat(c.getTotal().getValue()).isEqualByComparingTo("321");
        assertThat(c.getPatient().getReference()).startsWith("Patient/");
        assertThat(INSURER.stored(c.getPatient().getReference())).isNotNull();
        assertThat(c.getInsuranceFirstRep().getCoverage().getReference()).startsWith("Coverage/");
        assertThat(c.getProvider().getReference()).startsWith("Organization/");
    }

    private void checkApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode list = JSON.readTree(get(http, "/api/deliveries?destination=insurer&limit=10").body());
        assertThat(list).hasSize(releasedClaimIds().size());
        long id = list.get(0).get("id").asLong();
        JsonNode detail = JSON.readTree(get(http, "/api/deliveries/" + id).body());
        assertThat(detail.get("claim").get("claimId").asText()).isIn(releasedClaimIds());
        assertThat(detail.get("claim").get("encounterId").asLong()).isPositive();
        assertThat(detail.get("claim").get("messageId").isNull()
                || detail.get("claim").get("messageId").asLong() > 0).isTrue();
        List<String> outcomes = new ArrayList<>();
        detail.get("attempts").forEach(a -> outcomes.add(a.get("outcome").asText()));
        assertThat(outcomes).last().isEqualTo("SENT");
        JsonNode all = JSON.readTree(get(http, "/api/deliveries?destination=insurer&limit=10").body());
        int failedAttempts = 0;
        for (JsonNode d : all) {
            JsonNode dd = JSON.readTree(get(http, "/api/deliveries/" + d.get("id").asLong()).body());
            for (JsonNode a : dd.get("attempts")) {
                if (a.get("outcome").asText().equals("FAILED")) {
                    failedAttempts++;
                    assertThat(a.get("error").asText()).contains("HTTP 503");
                }
            }
        }
        assertThat(failedAttempts).as("every 503 recorded as an attempt").isEqualTo(REFUSALS);
        HttpResponse<String> retry = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/deliveries/" + id + "/retry"))
                .header("Authorization", TestTokens.bearer())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).as("a SENT delivery cannot be retried").isEqualTo(409);
        assertThat(get(http, "/api/deliveries?status=BOGUS").statusCode()).isEqualTo(400);
        assertThat(get(http, "/api/deliveries/999999").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                        .header("Authorization", TestTokens.bearer()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("claimbridge-delivery");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
