package io.claimbridge.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Ids must stay byte for byte what {@code UUID.nameUUIDFromBytes} of "type|key|..." gave: ledgers hold them. */
class ResourceIdsTest {

    @Test
    void sameIdsAsNameUuidFromBytes() {
        assertThat(ResourceIds.urn("Patient", "GENERAL_HOSPITAL", "555444"))
                .isEqualTo("urn:uuid:" + UUID.nameUUIDFromBytes("Patient|GENERAL_HOSPITAL|555444".getBytes(StandardCharsets.UTF_8)));
        assertThat(ResourceIds.urn("Organization", "npi|1538193743"))
                .isEqualTo("urn:uuid:" + UUID.nameUUIDFromBytes("Organization|npi|1538193743".getBytes(StandardCharsets.UTF_8)));
        assertThat(ResourceIds.urn("Coverage", "a", null, "")).isEqualTo("urn:uuid:" + UUID.nameUUIDFromBytes("Coverage|a|null|".getBytes(StandardCharsets.UTF_8)));
        assertThat(ResourceIds.urn("X")).isEqualTo("urn:uuid:" + UUID.nameUUIDFromBytes("X|".getBytes(StandardCharsets.UTF_8)));
        Random rnd = new Random(3);
        String alphabet = "abcXYZ019|^ éü€\uD83D\uDE00";
        for (int i = 0; i < 5000; i++) {
            String[] key = new String[rnd.nextInt(5)];
            for (int k = 0; k < key.length; k++) {
                StringBuilder b = new StringBuilder();
                for (int n = rnd.nextInt(40); n > 0; n--) {
                    b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                key[k] = b.toString();
            }
            String joined = "Type|" + String.join("|", key); // the former key text
            assertThat(ResourceIds.urn("Type", key)).isEqualTo("urn:uuid:" + UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
