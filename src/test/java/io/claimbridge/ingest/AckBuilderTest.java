package io.claimbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import io.claimbridge.ingest.Hl7Rejection.PartialHeader;
import org.junit.jupiter.api.Test;

class AckBuilderTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    private static PartialHeader header(String version) throws Hl7Rejection {
        return PartialHeader.of(Hl7HeaderReader.read(
                ("MSH|^~\\&|EPIC|HOSP|CB|BILL|20250101||ADT^A01^ADT_A01|C42|T|" + version + "\r").getBytes()));
    }

    @Test
    void acceptMirrorsHeaderAndEchoesControlId() throws Exception {
        String ack = AckBuilder.build(header("2.5.1"), AckCode.AA, List.of(), "ACK1", NOW);
        assertThat(ack).isEqualTo("MSH|^~\\&|CB|BILL|EPIC|HOSP|20250301100000.000+0000||ACK^A01^ACK|ACK1|T|2.5.1\r"
                + "MSA|AA|C42\r");
        Message parsed = TolerantHl7Parser.parse(ack.strip());
        Terser t = new Terser(parsed);
        assertThat(t.get("/MSA-1")).isEqualTo("AA");
        assertThat(t.get("/MSA-2")).isEqualTo("C42");
    }

    @Test
    void errorLayoutFollowsVersion() throws Exception {
        Hl7Error e = new Hl7Error(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 1, 9, "Trigger event A99 is not accepted");
        String v25 = AckBuilder.build(header("2.5.1"), AckCode.AR, List.of(e), "A2", NOW);
        assertThat(v25).contains("\rERR||MSH^1^9|201^Unsupported event code^HL70357|E||||Trigger event A99 is not accepted\r");
        Terser t = new Terser(TolerantHl7Parser.parse(v25.strip()));
        assertThat(t.get("/ERR-3-1")).isEqualTo("201");
        assertThat(t.get("/ERR-2-1")).isEqualTo("MSH");
        assertThat(t.get("/ERR-2-3")).isEqualTo("9");

        String v23 = AckBuilder.build(header("2.3"), AckCode.AR, List.of(e), "A3", NOW);
        assertThat(v23).contains("MSA|AR|C42|Trigger event A99 is not accepted\r");
        assertThat(v23).contains("\rERR|MSH^1^9^201&Unsupported event code&HL70357\r");
        assertThat(v23).contains("|ACK^A01|"); // v2.3 MSH-9 has no message structure component
    }

    @Test
    void textIsEscapedInTheSendersDelimiters() throws Exception {
        Hl7Error e = Hl7Error.general(ErrorCode.APPLICATION_INTERNAL_ERROR, "a|b^c&d~e\\f");
        String ack = AckBuilder.build(header("2.5.1"), AckCode.AE, List.of(e), "A4", NOW);
        assertThat(ack).contains("|a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\r");
    }

    @Test
    void unknownVersionIsAnsweredInASupportedOne() {
        String ack = AckBuilder.build(new PartialHeader('|', "^~\\&", "A", "B", "C", "D", "ADT", "A01", "C1", "P", "9.9", ""),
                AckCode.AR, List.of(Hl7Error.general(ErrorCode.UNSUPPORTED_VERSION_ID, "x")), "A5", NOW);
        assertThat(ack).startsWith("MSH|^~\\&|C|D|A|B|").contains("|P|2.5.1\r");
    }
}
