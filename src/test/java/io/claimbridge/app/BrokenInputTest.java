package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.StoredMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Bad input over raw sockets: each case gets its AR/AE (or is dropped as a framing error), and the
 * listener still answers a good message on the same connection and on a new one.
 */
class BrokenInputTest extends AppTestSupport {
    private static final String GOOD = sample("v251", "ADT_A01");
    private static int seq;

    private static String good() {
        return GOOD.replace("A01-2.5.1", "GOOD-" + (++seq) + "-" + System.nanoTime());
    }

    static List<Arguments> badMessages() {
        String header = "MSH|^~\\&|EPICADT|GOODHEALTH|CLAIMBRIDGE|BILLING|20250312083000||ADT^A01^ADT_A01|";
        byte[] latin1UnderUtf8 = (header + "BAD-UTF8|P|2.5.1|||||USA|UNICODE UTF-8\rPID|1||123^^^H^MR||M\u00fcller^J\u00fcrgen\r")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.writeBytes((header + "BIG-1|P|2.5.1\r").getBytes());
        while (big.size() <= MAX_MESSAGE_BYTES) {
            big.writeBytes("NTE|1||lorem ipsum dolor sit amet lorem ipsum dolor sit amet lorem ipsum dolor sit amet\r".getBytes());
        }
        return List.of(
                Arguments.of("truncated MSH", "MSH|^~\\&|EPI".getBytes(), "AR", "101", ""),
                Arguments.of("wrong field separator", "MSH^~\\&|EPICADT|GOODHEALTH|CB|CB|2025||ADT^A01|WFS-1|P|2.5.1\r".getBytes(), "AR", "102", ""),
                Arguments.of("version 9.9", (header + "V99-1|P|9.9\rPID|1\r").getBytes(), "AR", "203", "V99-1"),
                Arguments.of("unknown message type", ("MSH|^~\\&|EPICADT|GOODHEALTH|CB|CB|2025||ZZZ^Z01|ZZZ-1|P|2.5.1\rPID|1\r").getBytes(), "AR", "200", "ZZZ-1"),
                Arguments.of("unsupported trigger", ("MSH|^~\\&|EPICADT|GOODHEALTH|CB|CB|2025||ADT^A99|A99-1|P|2.5.1\rPID|1\r").getBytes(), "AR", "201", "A99-1"),
                Arguments.of("oversize message", big.toByteArray(), "AR", "207", "BIG-1"),
                Arguments.of("non-UTF-8 bytes under UTF-8 MSH-18", latin1UnderUtf8, "AR", "102", "BAD-UTF8"),
                Arguments.of("empty message", new byte[0], "AR", "100", ""),
                Arguments.of("control bytes inside a field", (header + "CTRL-1|P|2.5.1\rPID|1||12\u00013^^^H^MR\r").getBytes(), "AR", "102", "CTRL-1"),
                Arguments.of("missing MSH-10", (header + "|P|2.5.1\rPID|1\r").getBytes(), "AR", "101", ""),
                Arguments.of("not HL7 at all", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), "AR", "100", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void badMessageGetsRejectAndListenerKeepsServing(String name, byte[] bad, String code, String err, String controlId)
            throws Exception {
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            String ack = c.exchange(bad);
            assertThat(ack).as(name).isNotNull();
            assertThat(MllpClient.field(ack, "MSA", 1)).as(name).isEqualTo(code);
            assertThat(MllpClient.field(ack, "MSA", 2)).as(name).isEqualTo(controlId);
            assertThat(MllpClient.field(ack, "ERR", 3)).as(name).startsWith(err + "^");
            assertThat(MllpClient.field(ack, "ERR", 4)).isEqualTo("E");
            assertThat(MllpClient.field(ack, "ERR", 8)).as(name).isNotBlank();

            assertThat(MllpClient.field(c.exchange(good()), "MSA", 1)).as("same connection after " + name).isEqualTo("AA");
        }
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(good()), "MSA", 1)).as("new connection after " + name).isEqualTo("AA");
        }
    }

    @Test
    void garbageBeforeTheStartBlockIsIgnored() throws Exception {
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            c.sendRaw("garbage\r\n".getBytes());
            String msg = good();
            c.sendFrame(msg.getBytes());
            assertThat(MllpClient.field(c.readFrame(10_000), "MSA", 1)).isEqualTo("AA");
        }
    }

    @Test
    void frameWithoutEndBlockIsDroppedAndTheNextFrameIsAnswered() throws Exception {
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            String lost = GOOD.replace("A01-2.5.1", "LOST-FRAME");
            c.sendRaw(("\u000b" + lost).getBytes()); // no end block
            String next = good();
            String ack = c.exchange(next);
            assertThat(MllpClient.field(ack, "MSA", 1)).isEqualTo("AA");
            assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo(MllpClient.field(next, "MSH", 10));
            assertThat(store.list(new MessageQuery(null, "LOST-FRAME", null, 5))).isEmpty();
        }
    }

    @Test
    void connectionDroppedMidMessageDoesNotDisturbOthers() throws Exception {
        try (MllpClient other = new MllpClient(MLLP_PORT)) {
            MllpClient dropping = new MllpClient(MLLP_PORT);
            dropping.sendRaw(("\u000b" + GOOD.substring(0, 120)).getBytes());
            dropping.close();
            assertThat(MllpClient.field(other.exchange(good()), "MSA", 1)).isEqualTo("AA");
        }
        try (MllpClient fresh = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(fresh.exchange(good()), "MSA", 1)).isEqualTo("AA");
        }
    }

    @Test
    void validateModeAnswersAeForContentThatDoesNotParseAndStoresItAsError() throws Exception {
        // a birth date that is no date: parses, but fails HAPI's primitive validation
        String bad = GOOD.replace("A01-2.5.1", "STRICT-BAD").replace("|19620320|F|", "|1962-03-2O|F|");
        try (MllpClient c = new MllpClient(STRICT_PORT)) {
            String ack = c.exchange(bad);
            assertThat(MllpClient.field(ack, "MSA", 1)).isEqualTo("AE");
            assertThat(MllpClient.field(ack, "MSA", 2)).isEqualTo("STRICT-BAD");
            assertThat(MllpClient.field(ack, "ERR", 3)).matches("10[0-9]\\^.*");
            assertThat(MllpClient.field(c.exchange(GOOD.replace("A01-2.5.1", "STRICT-OK")), "MSA", 1)).isEqualTo("AA");
        }
        List<StoredMessage> rows = store.list(new MessageQuery("strict", "STRICT-BAD", null, 5));
        assertThat(rows).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MessageStatus.ERROR);
            assertThat(m.error()).isNotBlank();
        });
        await(Duration.ofSeconds(10), () -> store.list(new MessageQuery("strict", "STRICT-OK", null, 1)).get(0).status()
                == MessageStatus.PROCESSED, "strict good message processed");
    }
}
