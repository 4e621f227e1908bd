package io.claimbridge.normalize;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic {@code urn:uuid} ids from natural keys (sender + MRN, sender + visit, NPI, ...):
 * the same fact in two messages gets the same id, which is what lets the ledger merge messages
 * and keep Claim pointers (careTeam, insurance) stable.
 */
public final class ResourceIds {
    private ResourceIds() {
    }

    public static String urn(String type, String... key) {
        String joined = type + "|" + String.join("|", key);
        return "urn:uuid:" + UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8));
    }
}
