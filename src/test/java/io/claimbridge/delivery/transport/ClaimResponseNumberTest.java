package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The insurer's claim number from a ClaimResponse: its first identifier with a value. */
class ClaimResponseNumberTest {

    @Test
    void firstIdentifierValue() {
        assertThat(ClaimResponseNumber.of("""
                {"resourceType":"ClaimResponse","status":"active",
                 "identifier":[{"system":"http://payer.example/icn"},
                               {"system":"http://payer.example/icn","value":" 2026112300042 "},
                               {"value":"OTHER"}],
                 "outcome":"complete"}""")).contains("2026112300042");
    }

    @Test
    void anEchoOfOurOwnClaimIdIsNotThePayersNumber() {
        assertThat(ClaimResponseNumber.of("""
                {"resourceType":"ClaimResponse",
                 "identifier":[{"system":"http://claimbridge.io/fhir/sid/claim-id","value":"ACCT-1"}]}""")).isEmpty();
        assertThat(ClaimResponseNumber.of("""
                {"resourceType":"ClaimResponse",
                 "identifier":[{"system":"http://claimbridge.io/fhir/sid/claim-id","value":"ACCT-1"},
                               {"system":"http://payer.example/dcn","value":"DCN-9"}]}""")).contains("DCN-9");
    }

    @Test
    void noneWithoutIdentifierOrForOtherContent() {
        assertThat(ClaimResponseNumber.of("{\"resourceType\":\"ClaimResponse\",\"outcome\":\"queued\"}")).isEmpty();
        assertThat(ClaimResponseNumber.of("{\"resourceType\":\"ClaimResponse\",\"identifier\":[{\"value\":\"\"}]}"))
                .isEmpty();
        assertThat(ClaimResponseNumber.of("{\"location\":\"Claim/9/_history/1\"}")).isEmpty();
        assertThat(ClaimResponseNumber.of("{\"resourceType\":\"Claim\",\"identifier\":[{\"value\":\"X\"}]}")).isEmpty();
        assertThat(ClaimResponseNumber.of("not json")).isEmpty();
        assertThat(ClaimResponseNumber.of(null)).isEmpty();
    }
}
