package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimbridge.model.Canonical;

/**
 * The payer's claim number in an insurer's ClaimResponse: the value of its first identifier that
 * has one. Insurers put their claim control number (ICN/DCN) there; a later replacement or void
 * of the claim quotes it in REF*F8. An identifier in our own claim-id system is an echo of our
 * claim id, not the payer's number, and is passed over.
 */
public final class ClaimResponseNumber {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimResponseNumber() {
    }

    /** Empty when the JSON is not a ClaimResponse or carries no identifier value. */
    public static Optional<String> of(String claimResponseJson) {
        if (claimResponseJson == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(claimResponseJson);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !"ClaimResponse".equals(root.path("resourceType").asText())) {
            return Optional.empty();
        }
        for (JsonNode id : root.path("identifier")) {
            if (Canonical.CLAIM_ID_SYSTEM.equals(id.path("system").asText())) {
                continue;
            }
            String value = id.path("value").asText("");
            if (!value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }
}
