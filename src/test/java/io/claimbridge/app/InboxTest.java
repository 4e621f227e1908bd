package io.claimbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.claimbridge.store.MessageQuery;
import org.junit.jupiter.api.Test;

/** Batch files dropped into the inbox: every message stored, the file moved with its report. */
class InboxTest extends AppTestSupport {
    private static Path inbox() {
        return DATA_DIR.resolve("inbox");
    }

    @Test
    void envelopedBatchFileIsStoredAndMovedToDoneWithAReport() throws Exception {
        String m1 = sample("v251", "ADT_A01").replace("A01-2.5.1", "INBOX-1");
        String m2 = sample("v23", "ADT_A08").replace("A08-2.3", "INBOX-2");
        String m3 = sample("v28", "DFT_P03").replace("P03-2.8", "INBOX-3").replace("\r", "\r\n");
        String file = "FHS|^~\\&|EPICADT|GOODHEALTH\rBHS|^~\\&|EPICADT|GOODHEALTH\r" + m1 + m2 + m3 + "BTS|3\rFTS|1\r";
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve(".batch1.hl7.tmp"), file);
        Files.move(inbox().resolve(".batch1.hl7.tmp"), inbox().resolve("batch1.hl7"));

        Path report = inbox().resolve("done").resolve("batch1.hl7.report.txt");
        await(Duration.ofSeconds(20), () -> Files.exists(report), "report in done/");
        assertThat(inbox().resolve("batch1.hl7")).doesNotExist();
        assertThat(inbox().resolve("done").resolve("batch1.hl7")).hasContent(file);
        String text = Files.readString(report);
        assertThat(text).contains("1\tINBOX-1\tAA\t").contains("2\tINBOX-2\tAA\t").contains("3\tINBOX-3\tAA\t");
        for (String id : new String[] {"INBOX-1", "INBOX-2", "INBOX-3"}) {
            assertThat(store.list(new MessageQuery("inbox", id, null, 2))).singleElement()
                    .satisfies(m -> assertThat(m.source()).isEqualTo("FILE"));
        }
        // the third message keeps its CRLF segment ends, exactly as in the file
        long id3 = store.list(new MessageQuery("inbox", "INBOX-3", null, 1)).get(0).id();
        assertThat(new String(store.get(id3).orElseThrow().raw(), StandardCharsets.UTF_8)).isEqualTo(m3);
    }

    @Test
    void fileWithARejectedMessageGoesToErrorWithPerMessageResults() throws Exception {
        String good = sample("v251", "ADT_A04").replace("A04-2.5.1", "INBOX-GOOD");
        String bad = sample("v251", "ADT_A04").replace("A04-2.5.1", "INBOX-BAD").replace("|2.5.1", "|9.9");
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("mixed.txt"), good + bad);

        Path report = inbox().resolve("error").resolve("mixed.txt.report.txt");
        await(Duration.ofSeconds(20), () -> Files.exists(report), "report in error/");
        String text = Files.readString(report);
        assertThat(text).contains("1\tINBOX-GOOD\tAA\t");
        assertThat(text).contains("2\tINBOX-BAD\tAR\t\t203 Version 9.9 is not supported");
        assertThat(store.list(new MessageQuery("inbox", "INBOX-GOOD", null, 2))).hasSize(1);
        assertThat(store.list(new MessageQuery("inbox", "INBOX-BAD", null, 2))).isEmpty();
    }
}
