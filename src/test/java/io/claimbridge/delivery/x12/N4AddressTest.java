package io.claimbridge.delivery.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import com.imsweb.x12.Segment;
import com.imsweb.x12.reader.X12Reader;
import io.claimbridge.model.CodedEncounter;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

/**
 * N4 by the TR3: US states as USPS codes (names mapped, anything else rejected rather than cut to
 * two letters), ZIPs of 5 or 9 digits, Canada's provinces in N402, other countries in N404/N407.
 */
class N4AddressTest {
    private final X837Writer writer = new X837Writer(ZoneId.of("America/Chicago"));

    private static Address patientAddress(CodedEncounter ce) {
        return ce.patient().getAddressFirstRep();
    }

    private static Address billingAddress(CodedEncounter ce) {
        Organization billing = ce.organizations().stream()
                .filter(o -> "Springfield General Hospital".equals(o.getName())).findFirst().orElseThrow();
        return billing.getAddressFirstRep();
    }

    private X12Parsed render(CodedEncounter ce) {
        X837Interchange out = writer.write(List.of(ce), null, X837WriterTest.ENVELOPE, X837WriterTest.CONTROL);
        assertThat(out.rejections()).isEmpty();
        X12Parsed parsed = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X222);
        assertThat(parsed.errors()).isEmpty();
        return parsed;
    }

    private static String text(X12Parsed parsed) {
        return String.join("~", parsed.rawSegments()) + "~";
    }

    private List<String> reasons(CodedEncounter ce) {
        X837Interchange out = writer.write(List.of(ce), null, X837WriterTest.ENVELOPE, X837WriterTest.CONTROL);
        assertThat(out.isEmpty()).as("nothing rendered for a rejected claim").isTrue();
        assertThat(out.rejections()).hasSize(1);
        return out.rejections().get(0).reasons();
    }

    private static Segment n4(X12Parsed parsed, String loop) {
        return parsed.all(loop).get(0).getSegment("N4");
    }

    @Test
    void stateNamesBecomeTheirUspsCodes() {
        CodedEncounter ce = ClaimFixture.professional().dependent()
                .payerAddress("PSC 802 Box 74", "APO", "armed forces europe", "09499").build();
        patientAddress(ce).setState("north carolina");
        billingAddress(ce).setState("  District  of   Columbia ");
        X12Parsed parsed = render(ce);
        assertThat(n4(parsed, "2010CA").getElementValue("N402")).isEqualTo("NC");
        assertThat(n4(parsed, "2010AA").getElementValue("N402")).isEqualTo("DC");
        assertThat(n4(parsed, "2010BB").getElementValue("N402")).isEqualTo("AE");
        // A code in lower case is a code too; territories count as US.
        CodedEncounter pr = ClaimFixture.professional().build();
        patientAddress(pr).setState("pr").setCountry("USA");
        assertThat(n4(render(pr), "2010BA").getElementValue("N402")).isEqualTo("PR");
    }

    @Test
    void aStateThatIsNeitherCodeNorNameRejectsTheClaimNamingTheLoop() {
        CodedEncounter dependent = ClaimFixture.professional().dependent().build();
        patientAddress(dependent).setState("Carolina");
        assertThat(reasons(dependent)).containsExactly("2010CA N402: state 'Carolina' is not a US state code or name");

        // "North Carolina" cut to two letters was "NO": not a code, so it cannot pass either.
        CodedEncounter self = ClaimFixture.professional().build();
        patientAddress(self).setState("NO");
        billingAddress(self).setState("Illinoiss");
        assertThat(reasons(self)).containsExactly(
                "2010AA N402: state 'Illinoiss' is not a US state code or name",
                "2010BA N402: state 'NO' is not a US state code or name");

        // A street line in the state field is not repeated in the reason (it would be PHI).
        CodedEncounter street = ClaimFixture.professional().build();
        patientAddress(street).setState("12 Elm St");
        assertThat(reasons(street)).containsExactly("2010BA N402: state is not a US state code or name");
    }

    @Test
    void usZipMustBeFiveOrNineDigits() {
        CodedEncounter ce = ClaimFixture.professional().build();
        patientAddress(ce).setPostalCode("6270");
        assertThat(reasons(ce)).containsExactly("2010BA N403: ZIP must be 5 or 9 digits");
        CodedEncounter plusFour = ClaimFixture.professional().build();
        patientAddress(plusFour).setPostalCode("62701-1234");
        assertThat(n4(render(plusFour), "2010BA").getElementValue("N403")).isEqualTo("627011234");
    }

    @Test
    void otherCountriesGoToN404AndN407InsteadOfN402() {
        CodedEncounter ce = ClaimFixture.professional().dependent().build();
        patientAddress(ce).setCity("München").setState("BY").setPostalCode("80331").setCountry("DEU");
        X12Parsed parsed = render(ce);
        Segment n4 = n4(parsed, "2010CA");
        assertThat(n4.getElementValue("N402")).isNullOrEmpty();
        assertThat(n4.getElementValue("N404")).isEqualTo("DE");
        assertThat(n4.getElementValue("N407")).isEqualTo("BY");
        assertThat(text(parsed)).contains("~N4*MUNCHEN**80331*DE***BY~");

        // Canada keeps N402 (province code) and adds N404; the postal code loses its space.
        CodedEncounter canada = ClaimFixture.professional().build();
        patientAddress(canada).setCity("Montreal").setState("quebec").setPostalCode("h3z 2y7").setCountry("CA");
        assertThat(text(render(canada))).contains("~N4*MONTREAL*QC*H3Z2Y7*CA~");

        // A country without subdivision or postal code given: N404 alone.
        CodedEncounter plain = ClaimFixture.professional().build();
        patientAddress(plain).setCity("Monaco").setState(null).setPostalCode(null).setCountry("MC");
        assertThat(text(render(plain))).contains("~N4*MONACO***MC~");
    }

    @Test
    void unknownCountryOrSubdivisionRejectsTheClaim() {
        CodedEncounter narnia = ClaimFixture.professional().build();
        patientAddress(narnia).setCountry("Narnia");
        assertThat(reasons(narnia)).containsExactly("2010BA N404: country 'Narnia' is not an ISO 3166-1 country code");

        CodedEncounter bavaria = ClaimFixture.professional().dependent().build();
        patientAddress(bavaria).setState("Bavaria").setCountry("DE");
        assertThat(reasons(bavaria)).containsExactly(
                "2010CA N407: subdivision 'Bavaria' is not an ISO 3166-2 subdivision code (1-3 letters or digits)");

        CodedEncounter canada = ClaimFixture.professional().build();
        patientAddress(canada).setState("IL").setCountry("CAN");
        assertThat(reasons(canada)).containsExactly("2010BA N402: province 'IL' is not a Canadian province code or name");
    }

    @Test
    void anInvalidPayerAddressIsLeftOutNotARejection() {
        // 2010BB N3/N4 is situational: a payer address that is not valid is not sent, the claim still goes.
        CodedEncounter ce = ClaimFixture.professional().payerAddress("PO Box 2291", "Durham", "Carolina", "27702").build();
        X837Interchange out = writer.write(List.of(ce), null, X837WriterTest.ENVELOPE, X837WriterTest.CONTROL);
        assertThat(out.rejections()).isEmpty();
        assertThat(new String(out.bytes(), StandardCharsets.US_ASCII))
                .contains("~NM1*PR*2*ACME HEALTH PLAN*****PI*60054~CLM*CLM1001*");
    }
}
