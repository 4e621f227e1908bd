package io.claimbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Hl7HeaderReaderTest {
    private static final String MSH = "MSH|^~\\&|EPIC|HOSP|CB|BILL|20250101120000||ADT^A01^ADT_A01|CTRL1|P|2.5.1";

    private static Hl7Header read(String s, java.nio.charset.Charset cs) throws Hl7Rejection {
        return Hl7HeaderReader.read(s.getBytes(cs));
    }

    private static Hl7Error reject(byte[] raw) {
        try {
            Hl7HeaderReader.read(raw);
        } catch (Hl7Rejection r) {
            return r.error();
        }
        throw new AssertionError("expected a rejection");
    }

    @Test
    void readsMshFields() throws Exception {
        Hl7Header h = read(MSH + "\rPID|1\r", StandardCharsets.US_ASCII);
        assertThat(h.sendingApplication()).isEqualTo("EPIC");
        assertThat(h.sendingFacility()).isEqualTo("HOSP");
        assertThat(h.receivingApplication()).isEqualTo("CB");
        assertThat(h.receivingFacility()).isEqualTo("BILL");
        assertThat(h.messageType()).isEqualTo("ADT");
        assertThat(h.triggerEvent()).isEqualTo("A01");
        assertThat(h.controlId()).isEqualTo("CTRL1");
        assertThat(h.processingId()).isEqualTo("P");
        assertThat(h.version()).isEqualTo("2.5.1");
        assertThat(h.enhancedMode()).isFalse();
        assertThat(h.text()).isEqualTo(MSH + "\rPID|1");
    }

    @Test
    void acceptsLfCrlfBomAndBlankLines() throws Exception {
        for (String sep : new String[] {"\n", "\r\n", "\r\r\n"}) {
            byte[] body = (MSH + sep + "PID|1" + sep + sep + "PV1|1" + sep).getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[body.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(body, 0, withBom, 3, body.length);
            assertThat(Hl7HeaderReader.read(body).text()).isEqualTo(MSH + "\rPID|1\rPV1|1");
            assertThat(Hl7HeaderReader.read(withBom).text()).isEqualTo(MSH + "\rPID|1\rPV1|1");
        }
    }

    @Test
    void otherDelimitersAreHonoured() throws Exception {
        Hl7Header h = read("MSH#!~\\&#APP#FAC#CB#CB#2025##ADT!A08#C9#P#2.3\r", StandardCharsets.US_ASCII);
        assertThat(h.fieldSeparator()).isEqualTo('#');
        assertThat(h.messageType()).isEqualTo("ADT");
        assertThat(h.triggerEvent()).isEqualTo("A08");
        assertThat(h.controlId()).isEqualTo("C9");
    }

    @Test
    void charsetFromMsh18() throws Exception {
        String latin = MSH + "|||||USA|8859/1\rPID|1||||M\u00fcller^J\u00fcrgen\r";
        Hl7Header h = read(latin, StandardCharsets.ISO_8859_1);
        assertThat(h.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(h.text()).contains("M\u00fcller^J\u00fcrgen");

        String utf8 = MSH + "|||||USA|UNICODE UTF-8\rPID|1||||\u5f20^\u4f1f\r";
        assertThat(read(utf8, StandardCharsets.UTF_8).text()).contains("\u5f20^\u4f1f");

        // Latin-1 bytes under a declared UTF-8: rejected, not silently mangled
        Hl7Error e = reject((MSH + "|||||USA|UNICODE UTF-8\rPID|1||||M\u00fcller\r").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE_ERROR);
        assertThat(e.field()).isEqualTo(18);

        // undeclared: UTF-8 when it decodes, else Latin-1
        assertThat(read(MSH + "\rPID|1||||M\u00fcller\r", StandardCharsets.ISO_8859_1).text()).contains("M\u00fcller");
        assertThat(read(MSH + "\rPID|1||||M\u00fcller\r", StandardCharsets.UTF_8).text()).contains("M\u00fcller");

        assertThat(reject((MSH + "|||||USA|KLINGON\r").getBytes(StandardCharsets.US_ASCII)).code())
                .isEqualTo(ErrorCode.TABLE_VALUE_NOT_FOUND);
    }

    @Test
    void rejectsWhatCannotBeAccepted() {
        assertThat(reject(new byte[0]).code()).isEqualTo(ErrorCode.SEGMENT_SEQUENCE_ERROR);
        assertThat(reject("\r\n".getBytes()).code()).isEqualTo(ErrorCode.SEGMENT_SEQUENCE_ERROR);
        assertThat(reject("PID|1||123\r".getBytes()).code()).isEqualTo(ErrorCode.SEGMENT_SEQUENCE_ERROR);
        assertThat(reject("MSH|^~".getBytes()).code()).isEqualTo(ErrorCode.SEGMENT_SEQUENCE_ERROR);
        assertThat(reject("MSHA^~\\&AAPP".getBytes()).code()).isEqualTo(ErrorCode.DATA_TYPE_ERROR);
        assertThat(reject("MSH|^~|&|APP|FAC".getBytes()).field()).isEqualTo(2);
        assertThat(reject("MSH|^~\\&|APP|FAC|CB|CB|2025||ADT^A01||P|2.5.1\r".getBytes()))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
                    assertThat(e.field()).isEqualTo(10);
                });
        assertThat(reject("MSH|^~\\&|APP|FAC|CB|CB|2025||ADT^A01|C1|P|9.9\r".getBytes()).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_VERSION_ID);
    }

    @Test
    void controlBytesInsideAFieldAreRejectedWithTheirLocation() {
        Hl7Error e = reject((MSH + "\rPID|1\rDG1|1\rDG1|2|I10|J18\u00019\r").getBytes(StandardCharsets.US_ASCII));
        assertThat(e.code()).isEqualTo(ErrorCode.DATA_TYPE_ERROR);
        assertThat(e.segment()).isEqualTo("DG1");
        assertThat(e.sequence()).isEqualTo(2);
        assertThat(e.field()).isEqualTo(3);
        // tab is tolerated
        assertThat(org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                () -> Hl7HeaderReader.read((MSH + "\rNTE|1||a\tb\r").getBytes()))).isNotNull();
    }

    @Test
    void rejectionKeepsWhatItCouldReadForTheAck() {
        assertThatThrownBy(() -> Hl7HeaderReader.read("MSH|^~\\&|APP|FAC|CB|BILL|2025||ADT^A01|C7|P|9.9\r".getBytes()))
                .isInstanceOfSatisfying(Hl7Rejection.class, r -> {
                    assertThat(r.partial().controlId()).isEqualTo("C7");
                    assertThat(r.partial().sendingApplication()).isEqualTo("APP");
                    assertThat(r.partial().receivingFacility()).isEqualTo("BILL");
                });
    }
}
