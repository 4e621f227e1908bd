package io.claimbridge.delivery.x12;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class X837WriterSmokeTest {
    @Test
    void prints() {
        X12Envelope env = new X12Envelope("ZZ", "CLAIMBRIDGE", "ZZ", "CLEARHOUSE", "CLAIMBRIDGE", "CLEARHOUSE",
                X12Envelope.Usage.T, false,
                new X12Envelope.Submitter("Springfield General", "SUB01", "Billing Office", "217-555-0100", null),
                new X12Envelope.Receiver("Clearing House", "RCV01"));
        X837Writer w = new X837Writer(ZoneId.of("America/Chicago"));
        X837Interchange out = w.write(List.of(ClaimFixture.professional().build(), ClaimFixture.institutional().id("I1").build(),
                ClaimFixture.professional().dependent().id("P2").replacementOf("ORIG9").build()),
                null, env, new ControlNumbers(17, 5, 9, LocalDateTime.of(2026, 11, 23, 10, 5)));
        System.out.println(out.rejections());
        System.out.println(new String(out.bytes(), StandardCharsets.US_ASCII).replace("~", "~\n"));
    }
}
