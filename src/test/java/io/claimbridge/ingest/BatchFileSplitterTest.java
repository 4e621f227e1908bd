package io.claimbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BatchFileSplitterTest {
    private static final String M1 = "MSH|^~\\&|A|B|C|D|2025||ADT^A01|1|P|2.5.1\rPID|1\r";
    private static final String M2 = "MSH|^~\\&|A|B|C|D|2025||ADT^A08|2|P|2.5.1\nPID|2\n";

    @Test
    void splitsEnvelopedBatchKeepingEachMessagesBytes() {
        String file = "FHS|^~\\&|A|B\rBHS|^~\\&|A|B\r" + M1 + M2 + "BTS|2\rFTS|1\r";
        BatchFileSplitter.Batch b = BatchFileSplitter.split(file.getBytes(StandardCharsets.US_ASCII));
        assertThat(b.messages()).hasSize(2);
        assertThat(new String(b.messages().get(0), StandardCharsets.US_ASCII)).isEqualTo(M1);
        assertThat(new String(b.messages().get(1), StandardCharsets.US_ASCII)).isEqualTo(M2);
        assertThat(b.declaredCount()).isEqualTo(2);
    }

    @Test
    void splitsPlainConcatenationAndSingleMessages() {
        assertThat(BatchFileSplitter.split((M1 + "\r\n" + M2).getBytes()).messages()).hasSize(2);
        BatchFileSplitter.Batch one = BatchFileSplitter.split(M1.getBytes());
        assertThat(one.messages()).hasSize(1);
        assertThat(one.declaredCount()).isEqualTo(-1);
        assertThat(BatchFileSplitter.split("\u000b".concat(M1).concat("\u001c\r").getBytes()).messages().get(0))
                .isEqualTo(M1.getBytes());
        assertThat(BatchFileSplitter.split("not hl7 at all".getBytes()).messages()).isEmpty();
    }
}
