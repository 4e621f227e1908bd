package io.claimbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.imsweb.x12.reader.X12Reader;
import io.claimbridge.delivery.routing.Destination;
import io.claimbridge.delivery.routing.RoutingLoader;
import io.claimbridge.delivery.routing.RoutingTable;
import io.claimbridge.delivery.x12.ClaimFixture;
import io.claimbridge.delivery.x12.ControlNumbers;
import io.claimbridge.delivery.x12.X837Interchange;
import io.claimbridge.delivery.x12.X837Writer;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import org.junit.jupiter.api.Test;

/** Routing and rendering together, the way the deliver stage will call them. */
class RoutedRenderTest {

    @Test
    void aClaimRoutedByPayerIdRendersWithItsDestinationsEnvelope() throws Exception {
        RoutingTable table = new RoutingLoader(Path.of("/data"), Map.of("CLEARINGHOUSE_SFTP_PASSWORD", "x",
                "ACME_FHIR_TOKEN", "y")::get).load(Path.of("routes/payers/routing.example.yml"));
        CodedEncounter ce = ClaimFixture.professional().payerId("60054").build();
        String payerId = ce.organizations().stream()
                .flatMap(o -> o.getIdentifier().stream())
                .filter(i -> Canonical.PAYER_ID_SYSTEM.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();

        Destination d = table.resolve(payerId).get(0);
        X837Interchange out = new X837Writer(ZoneId.of("America/Chicago")).write(List.of(ce),
                d.format().x12Format(), d.x12().toEnvelope(),
                new ControlNumbers(42, 1, 1, LocalDateTime.of(2026, 11, 23, 12, 0)));

        assertThat(out.rejections()).isEmpty();
        X12Reader parsed = new X12Reader(X12Reader.FileType.ANSI837_5010_X222,
                new java.io.ByteArrayInputStream(out.bytes()));
        assertThat(parsed.getErrors()).isEmpty();
        assertThat(parsed.getLoops().get(0).getSegment("ISA").getElementValue("ISA08")).isEqualTo("030240928      ");
        assertThat(parsed.getLoops().get(0).getLoop("GS_LOOP").getSegment("GS").getElementValue("GS02"))
                .isEqualTo("SPRINGFIELDGEN");
    }

    @Test
    void theDefaultOutboxRouteRendersAParseableTestInterchange() throws Exception {
        Destination outbox = RoutingTable.defaults(Path.of("/data")).resolve("60054").get(0);
        X837Interchange out = new X837Writer(ZoneId.of("UTC")).write(List.of(ClaimFixture.institutional().build()),
                outbox.format().x12Format(), outbox.x12().toEnvelope(),
                new ControlNumbers(1, 1, 1, LocalDateTime.of(2026, 11, 23, 12, 0)));
        assertThat(out.rejections()).isEmpty();
        X12Reader parsed = new X12Reader(X12Reader.FileType.ANSI837_5010_X223,
                new java.io.ByteArrayInputStream(out.bytes()));
        assertThat(parsed.getFatalErrors()).isEmpty();
        assertThat(parsed.getLoops().get(0).getSegment("ISA").getElementValue("ISA15")).isEqualTo("T");
    }
}
