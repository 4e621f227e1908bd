package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HAPI's own MLLP client against the running application. */
class MllpIngestTest extends AppTestSupport {
    private static final List<String> SAMPLES =
            List.of("ADT_A01", "ADT_A03", "ADT_A04", "ADT_A08", "ADT_A11", "ADT_A13", "DFT_P03");

    @ParameterizedTest(name = "v{0}")
    @ValueSource(strings = {"v23", "v251", "v28"})
    void hapiClientGetsAaForEverySampleAndEachIsStored(String folder) throws Exception {
        try (HapiContext ctx = new DefaultHapiContext()) {
            ctx.setModelClassFactory(new CanonicalModelClassFactory("2.8.1"));
            ctx.setValidationContext(ValidationContextFactory.noValidation());
            Connection connection = ctx.newClient("127.0.0.1", MLLP_PORT, false);
            try {
                for (String name : SAMPLES) {
                    Message sent = ctx.getPipeParser().parse(sample(folder, name));
                    Terser out = new Terser(sent);
                    String controlId = out.get("/MSH-10");
                    Message reply = connection.getInitiator().sendAndReceive(sent);
                    Terser ack = new Terser(reply);

                    assertThat(ack.get("/MSA-1")).as(name).isEqualTo("AA");
                    assertThat(ack.get("/MSA-2")).as(name).isEqualTo(controlId);
                    assertThat(ack.get("/MSH-3")).isEqualTo("CLAIMBRIDGE");
                    assertThat(ack.get("/MSH-4")).isEqualTo("BILLING");
                    assertThat(ack.get("/MSH-5")).isEqualTo("EPICADT");
                    assertThat(ack.get("/MSH-6")).isEqualTo("GOODHEALTH");
                    assertThat(ack.get("/MSH-12")).isEqualTo(out.get("/MSH-12"));

                    List<StoredMessage> rows = store.list(new MessageQuery("default", controlId, null, 10));
                    assertThat(rows).as(name).hasSize(1);
                    StoredMessage m = rows.get(0);
                    assertThat(m.source()).isEqualTo("MLLP");
                    assertThat(m.sendingApp()).isEqualTo("EPICADT");
                    assertThat(m.sendingFacility()).isEqualTo("GOODHEALTH");
                    assertThat(m.messageType() + "^" + m.triggerEvent()).isEqualTo(name.replace('_', '^'));
                    assertThat(m.version()).isEqualTo(out.get("/MSH-12"));
                    assertThat(m.duplicateId()).isFalse();
                    String stored = new String(store.get(m.id()).orElseThrow().raw(), java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(stored).isEqualTo(ctx.getPipeParser().encode(sent));
                }
            } finally {
                connection.close();
            }
        }
        // and the processing stage parses each of them fully
        await(Duration.ofSeconds(20), () -> SAMPLES.stream().allMatch(n -> {
            String id = n.substring(n.indexOf('_') + 1) + "-" + versionOf(folder);
            List<StoredMessage> r = store.list(new MessageQuery("default", id, null, 1));
            return !r.isEmpty() && r.get(0).status() == MessageStatus.PROCESSED;
        }), "samples processed");
    }

    private static String versionOf(String folder) {
        return switch (folder) {
            case "v23" -> "2.3";
            case "v251" -> "2.5.1";
            default -> "2.8";
        };
    }

    @Test
    void resendIsAcknowledgedAgainButStoredOnce() throws Exception {
        String msg = sample("v251", "ADT_A08").replace("A08-2.5.1", "RESEND-1");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            String first = c.exchange(msg);
            String again = c.exchange(msg);
            String changed = c.exchange(msg.replace("Hypertension", "High blood pressure").replace("E11.9", "E11.65"));
            assertThat(MllpClient.field(first, "MSA", 1)).isEqualTo("AA");
            assertThat(MllpClient.field(again, "MSA", 1)).isEqualTo("AA");
            assertThat(MllpClient.field(again, "MSA", 2)).isEqualTo("RESEND-1");
            assertThat(MllpClient.field(changed, "MSA", 1)).isEqualTo("AA");
        }
        List<StoredMessage> rows = store.list(new MessageQuery("default", "RESEND-1", null, 10));
        assertThat(rows).hasSize(2);
        assertThat(rows).filteredOn(StoredMessage::duplicateId).hasSize(1);
    }

    @Test
    void enhancedModeAnswersCommitAcksPerMsh15() throws Exception {
        String base = sample("v251", "ADT_A04");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            String al = c.exchange(base.replace("|A04-2.5.1|P|2.5.1", "|ENH-AL|P|2.5.1|||AL|NE"));
            assertThat(MllpClient.field(al, "MSA", 1)).isEqualTo("CA");
            assertThat(MllpClient.field(al, "MSA", 2)).isEqualTo("ENH-AL");

            String er = c.exchange(base.replace("|A04-2.5.1|P|2.5.1", "|ENH-ER|P|2.5.1|||ER|NE").replace("ADT^A04", "ADT^A99"));
            assertThat(MllpClient.field(er, "MSA", 1)).isEqualTo("CR");

            // NE: no commit ack is sent, but the message is stored
            c.sendFrame(base.replace("|A04-2.5.1|P|2.5.1", "|ENH-NE|P|2.5.1|||NE|NE").getBytes());
            assertThat(c.readFrame(1500)).isNull();
            await(Duration.ofSeconds(5), () -> !store.list(new MessageQuery("default", "ENH-NE", null, 1)).isEmpty(),
                    "NE message stored");
            // and the connection still serves
            assertThat(MllpClient.field(c.exchange(base.replace("A04-2.5.1", "ENH-AFTER")), "MSA", 1)).isEqualTo("AA");
        }
    }

    @Test
    void tolerantParsingKeepsZSegmentsAndEscapes() throws Exception {
        String msg = sample("v251", "ADT_A01").replace("A01-2.5.1", "TOLERANT-1")
                .replace("DG1|1|I10|J18.9^Pneumonia, unspecified organism^I10", "DG1|1|I10|J18.9^Pneumonia \\T\\ sepsis\\F\\ruled out^I10")
                .replace("\r", "\n");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(msg), "MSA", 1)).isEqualTo("AA");
        }
        StoredMessage m = store.list(new MessageQuery("default", "TOLERANT-1", null, 1)).get(0);
        await(Duration.ofSeconds(10), () -> store.get(m.id()).orElseThrow().status() == MessageStatus.PROCESSED, "processed");
        String raw = new String(store.get(m.id()).orElseThrow().raw(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).isEqualTo(msg); // exactly as received: LF segment ends, Z-segment, escapes
        Message parsed = io.claimbridge.ingest.TolerantHl7Parser.parse(
                io.claimbridge.ingest.Hl7HeaderReader.read(raw.getBytes()).text());
        Terser t = new Terser(parsed);
        assertThat(t.get("/DG1(0)-3-2")).isEqualTo("Pneumonia & sepsis|ruled out");
        assertThat(parsed.encode()).contains("ZPV|1|1234567893|OBSERVATION^STATUS");
    }
}
