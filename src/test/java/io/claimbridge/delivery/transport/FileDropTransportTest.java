package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.claimbridge.delivery.retry.DeliveryFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDropTransportTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheFileWholeUnderItsKeyAndNothingElse() throws Exception {
        FileDropTransport t = new FileDropTransport(tmp.resolve("outbox"));
        assertThat(t.holds("ch-000000003.837")).isFalse();
        t.send("ch-000000003.837", "ISA*00~".getBytes(StandardCharsets.US_ASCII));
        assertThat(t.holds("ch-000000003.837")).isTrue();
        try (var files = Files.list(tmp.resolve("outbox"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ch-000000003.837");
        }
    }

    @Test
    void anUnwritableFolderIsAnIoErrorToRetry() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> new FileDropTransport(notADir).send("k.837", new byte[] {1}))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.failure()).isInstanceOf(DeliveryFailure.IoError.class));
    }
}
