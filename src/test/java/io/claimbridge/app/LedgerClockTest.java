package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Time-driven release: with a bill hold, a discharged stay is billed by the ledger clock once the
 * hold has passed (no message arrives to trigger it), and visits that nothing but a message can
 * release are not looked at by the clock at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerClockTest {
    static final int MLLP_PORT = AppTestSupport.freePort();
    static final Duration HOLD = Duration.ofSeconds(3);

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("claimbridge-clock");
        r.add("claimbridge.data-dir", dir::toString);
        r.add("claimbridge.mllp.port", () -> MLLP_PORT);
        r.add("claimbridge.bill-hold", () -> HOLD.toSeconds() + "s");
        r.add("claimbridge.ledger-tick", () -> "300ms");
        r.add("camel.main.routes-include-pattern", () -> "file:routes/mllp-default.yaml");
    }

    private static String delivery(String name, String visit, String controlSuffix) throws IOException {
        try (InputStream in = LedgerClockTest.class.getResourceAsStream("/hl7/delivery/" + name + ".hl7")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", "\r")
                    .replace("ACCT-DLV-1", visit).replace("VDLV001", visit).replace("|DLV-", "|" + controlSuffix + "-");
        }
    }

    @Test
    void aDischargedStayIsBilledByTheClockOnceTheHoldHasPassed() throws Exception {
        Instant discharged = Instant.now();
        String hl7Now = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(discharged) + "+0000";
        String a03 = delivery("inpatient_a03", "ACCT-CLOCK-1", "CLK1").replace("20260314103000", hl7Now);
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            for (String m : List.of(delivery("inpatient_a01", "ACCT-CLOCK-1", "CLK1"),
                    delivery("inpatient_p03", "ACCT-CLOCK-1", "CLK1"), a03,
                    delivery("inpatient_a01", "ACCT-CLOCK-2", "CLK2"))) {
                assertThat(MllpClient.field(c.exchange(m), "MSA", 1)).isEqualTo("AA");
            }
        }
        AppTestSupport.await(Duration.ofSeconds(20), () -> processed("ACCT-CLOCK-1", 3) && processed("ACCT-CLOCK-2", 1),
                "messages applied");

        Map<String, Object> stay = encounter("ACCT-CLOCK-1");
        if (claims(stay) == 0) {
            // still within the hold: the row says when the clock is to look again
            assertThat(((java.time.OffsetDateTime) stay.get("next_due_at")).toInstant())
                    .isBetween(discharged.minusSeconds(2), discharged.plus(HOLD).plusSeconds(1));
        }
        AppTestSupport.await(Duration.ofSeconds(20), () -> claims(encounter("ACCT-CLOCK-1")) == 1, "claim released by the clock");
        assertThat(Instant.now()).isAfterOrEqualTo(discharged.plus(HOLD).minusSeconds(1));
        assertThat(encounter("ACCT-CLOCK-1").get("next_due_at")).as("billed: nothing left for the clock").isNull();
        assertThat(encounter("ACCT-CLOCK-2").get("next_due_at")).as("not discharged: only a message can bill it").isNull();

        Thread.sleep(1000); // more ticks: the claim is not released twice
        assertThat(claims(encounter("ACCT-CLOCK-1"))).isEqualTo(1);
    }

    private boolean processed(String visit, int messages) {
        Map<String, Object> row = jdbc.queryForList("SELECT version FROM encounter WHERE visit_key = ?", visit).stream()
                .findFirst().orElse(null);
        return row != null && ((Number) row.get("version")).intValue() >= messages;
    }

    private Map<String, Object> encounter(String visit) {
        return jdbc.queryForMap("SELECT id, next_due_at FROM encounter WHERE visit_key = ?", visit);
    }

    private int claims(Map<String, Object> encounter) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE encounter_id = ?", Integer.class, encounter.get("id"));
    }
}
