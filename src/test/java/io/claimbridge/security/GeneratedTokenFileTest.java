package io.claimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class GeneratedTokenFileTest {
    @TempDir
    Path tmp;

    @Test
    void firstStartWritesAnOwnerOnlyRandomTokenAndLogsOnlyWhereItIs(CapturedOutput out) throws Exception {
        Path dataDir = tmp.resolve("not-yet/data");
        GeneratedTokenFile file = new GeneratedTokenFile(dataDir);
        String token = file.loadOrCreate();

        assertThat(file.path()).isEqualTo(dataDir.resolve("api-token").toAbsolutePath());
        assertThat(Files.readString(file.path()).trim()).isEqualTo(token);
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        if (Files.getFileStore(file.path()).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        }
        try (var listing = Files.list(dataDir)) {
            assertThat(listing).as("no temp file left behind").containsExactly(file.path());
        }
        assertThat(out.getAll()).contains(file.path().toString()).doesNotContain(token);
        assertThat(new GeneratedTokenFile(tmp.resolve("other")).loadOrCreate()).as("random each time").isNotEqualTo(token);
    }

    @Test
    void laterStartsReuseTheFile(CapturedOutput out) {
        String first = new GeneratedTokenFile(tmp).loadOrCreate();
        String again = new GeneratedTokenFile(tmp).loadOrCreate();
        assertThat(again).isEqualTo(first);
        assertThat(out.getAll()).contains("using the token in").doesNotContain(first);
    }

    @Test
    void aFileOthersCanReadIsUsedWithAWarning(CapturedOutput out) throws Exception {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView("posix"));
        Path path = Files.writeString(tmp.resolve("api-token"), "a-token-someone-wrote-by-hand\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new GeneratedTokenFile(tmp).loadOrCreate()).isEqualTo("a-token-someone-wrote-by-hand");
        assertThat(out.getAll()).contains("can be read by other users than its owner");
    }

    @Test
    void anEmptyFileStopsStartUp() throws Exception {
        Files.writeString(tmp.resolve("api-token"), "\n");
        assertThatThrownBy(() -> new GeneratedTokenFile(tmp).loadOrCreate()).hasMessageContaining("delete it");
    }
}
