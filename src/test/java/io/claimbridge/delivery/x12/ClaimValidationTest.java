package io.claimbridge.delivery.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import io.claimbridge.model.CodedEncounter;
import org.junit.jupiter.api.Test;

/** Claims that cannot become a valid 837 are rejected with reasons, and never reach the bytes. */
class ClaimValidationTest {
    private final X837Writer writer = new X837Writer(ZoneId.of("America/Chicago"));

    private List<String> reasons(CodedEncounter ce) {
        X837Interchange out = writer.write(List.of(ce), null, X837WriterTest.ENVELOPE, X837WriterTest.CONTROL);
        assertThat(out.isEmpty()).as("nothing rendered for a rejected claim").isTrue();
        assertThat(out.claims()).isEmpty();
        assertThat(out.rejections()).hasSize(1);
        return out.rejections().get(0).reasons();
    }

    @Test
    void missingBillingNpi() {
        assertThat(reasons(ClaimFixture.professional().billingNpi(null).build()))
                .containsExactly("billing provider NPI (2010AA NM109) missing");
    }

    @Test
    void billingNpiWithBadCheckDigit() {
        assertThat(reasons(ClaimFixture.professional().billingNpi("1234567890").build()))
                .containsExactly("billing provider NPI fails the Luhn check digit");
    }

    @Test
    void noPrincipalDiagnosis() {
        CodedEncounter ce = ClaimFixture.professional().clearDiagnoses().clearItems()
                .item("99213", new String[0], null, "90", 1, new int[0], "11").build();
        assertThat(reasons(ce)).contains("no principal diagnosis (Claim.diagnosis type principal, or sequence 1)");
    }

    @Test
    void moreThanTwelveDiagnosesOn837P() {
        ClaimFixture f = ClaimFixture.professional();
        for (int i = 0; i < 10; i++) {
            f.diagnosis("M54." + i, null, null);
        }
        assertThat(reasons(f.build())).containsExactly("13 diagnoses exceed the 12 an 837P HI can carry");
    }

    @Test
    void missingPayerId() {
        assertThat(reasons(ClaimFixture.professional().payerId(null).build()))
                .containsExactly("payer id (2010BB NM109, identifier http://claimbridge.io/fhir/sid/payer-id) missing");
    }

    @Test
    void otherPayerWithoutPayerIdMemberIdOrSubscriberName() {
        CodedEncounter ce = ClaimFixture.professional()
                .otherCoverage("Aetna", null, null, null, "spouse").build();
        ((org.hl7.fhir.r4.model.RelatedPerson) ce.coverages().get(1).getContained().get(0)).getNameFirstRep().setFamily(null);
        assertThat(reasons(ce)).containsExactlyInAnyOrder(
                "other payer (Claim.insurance 2): Coverage.subscriberId (2330A NM109 member id) missing",
                "other payer (Claim.insurance 2) subscriber family name missing",
                "other payer (Claim.insurance 2): payer id (2330B NM109, identifier http://claimbridge.io/fhir/sid/payer-id) missing");
    }

    @Test
    void otherPayerWithoutPayerOrganization() {
        CodedEncounter ce = ClaimFixture.professional().otherCoverage("Aetna", "60055", "W1", null, "self").build();
        ce.coverages().get(1).getPayor().clear();
        assertThat(reasons(ce)).containsExactly("other payer (Claim.insurance 2): payer Organization (Coverage.payor) missing for 2330B");
    }

    @Test
    void twoCoveragesWithTheSamePayerOrder() {
        CodedEncounter ce = ClaimFixture.professional().otherCoverage("Aetna", "60055", "W1", null, "self").build();
        ce.coverages().get(1).setOrder(1);
        assertThat(reasons(ce)).containsExactly("payer responsibility P (SBR01) is given to more than one coverage");
    }

    @Test
    void payerOrderWithAGap() {
        CodedEncounter ce = ClaimFixture.professional().otherCoverage("Aetna", "60055", "W1", null, "self").build();
        ce.coverages().get(1).setOrder(3);
        assertThat(reasons(ce)).containsExactly("payer responsibility S (SBR01) is skipped: no coverage has payer order 2");
    }

    @Test
    void moreOtherPayersThanLoop2320Repeats() {
        ClaimFixture f = ClaimFixture.professional();
        for (int i = 0; i < 11; i++) {
            f.otherCoverage("Payer " + i, "P" + i, "M" + i, null, "self");
        }
        assertThat(reasons(f.build())).containsExactlyInAnyOrder(
                "other payer (Claim.insurance 12): payer order 12 has no SBR01 code (1..11)",
                "11 other payers exceed the 10 loop 2320 can carry");
    }

    @Test
    void itemWithoutCodeOrWithOnlyALocalChargeCode() {
        CodedEncounter ce = ClaimFixture.professional().uncodedItem("CDM-4471", "12.00").build();
        assertThat(reasons(ce)).containsExactly(
                "item 3 has no CPT/HCPCS code (SV101); only a local charge code, not yet coded");
    }

    @Test
    void institutionalItemWithoutRevenueCode() {
        CodedEncounter ce = ClaimFixture.institutional()
                .item("36415", new String[0], null, "10", 1, new int[0], null).build();
        assertThat(reasons(ce)).containsExactly("item 4 has no revenue code (SV201)");
    }

    @Test
    void replacementWithoutOriginalReference() {
        assertThat(reasons(ClaimFixture.professional().frequency("7").build())).containsExactly(NO_PAYER_NUMBER);
    }

    @Test
    void replacementQuotingOnlyOurOwnOriginalIdIsNotRendered() {
        // payers reject a REF*F8 that is not their claim number, so ours is never used in its place
        assertThat(reasons(ClaimFixture.professional().replacementOf("ORIG-9").build())).containsExactly(NO_PAYER_NUMBER);
    }

    private static final String NO_PAYER_NUMBER = "frequency 7 needs the payer's claim number of the claim it corrects"
            + " (Claim.related.reference, system http://claimbridge.io/fhir/sid/payer-claim-number) for REF*F8";

    @Test
    void pointerToADiagnosisThatIsNotThere() {
        CodedEncounter ce = ClaimFixture.professional()
                .item("93000", new String[0], null, "40", 1, new int[] {9}, "11").build();
        assertThat(reasons(ce)).containsExactly("item 3 points at diagnosis 9 which is not on the claim",
                "item 3 has no diagnosis pointer (item.diagnosisSequence, SV107)");
    }

    @Test
    void billingZipMustBeZipPlusFour() {
        assertThat(reasons(ClaimFixture.professional().billingZip("62701").build()))
                .containsExactly("billing provider ZIP must be ZIP+4 (9 digits) in 5010");
    }

    @Test
    void totalMustMatchLines() {
        CodedEncounter ce = ClaimFixture.professional().build();
        ce.claim().getTotal().setValue(new java.math.BigDecimal("999.99"));
        assertThat(reasons(ce)).containsExactly("Claim.total 999.99 differs from the sum of item.net 235.50");
    }

    @Test
    void attendingRequiredOn837I() {
        assertThat(reasons(ClaimFixture.institutional().noRendering().build()))
                .containsExactly("attending provider (careTeam role primary → Practitioner) missing for 2310A");
    }

    @Test
    void identifierWithADelimiterIsRejectedNotAltered() {
        assertThat(reasons(ClaimFixture.professional().id("A*B").build()))
                .containsExactly("CLM01 claim id contains a character X12 cannot carry (delimiter or non-ASCII)");
    }

    @Test
    void repeatedDiagnosisCode() {
        assertThat(reasons(ClaimFixture.professional().diagnosis("I10", null, null).build()))
                .containsExactly("diagnosis 4 repeats code I10");
    }

    @Test
    void everyReasonIsReportedAtOnce() {
        assertThat(reasons(ClaimFixture.professional().billingNpi(null).payerId(null).frequency("8").build()))
                .hasSize(3);
    }

    @Test
    void oneBadClaimDoesNotBlockTheBatch() {
        X837Interchange out = writer.write(List.of(
                        ClaimFixture.professional().id("GOOD1").build(),
                        ClaimFixture.professional().id("BAD1").billingNpi(null).build(),
                        ClaimFixture.professional().id("GOOD2").build()),
                null, X837WriterTest.ENVELOPE, X837WriterTest.CONTROL);
        assertThat(out.claims()).extracting(X837Interchange.RenderedClaim::claimId).containsExactly("GOOD1", "GOOD2");
        assertThat(out.rejections()).extracting(ClaimRejection::claimId).containsExactly("BAD1");
        String text = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(text).doesNotContain("BAD1");
        // Reasons carry no PHI: no names, no member ids.
        assertThat(out.rejections().get(0).toString()).doesNotContain("DOE").doesNotContain("W123456789");
    }
}
