package io.claimbridge.normalize.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;

/**
 * {@link LedgerState} ⇄ one JSON document: the few ledger fields plus the canonical Bundle
 * (plain FHIR JSON under "bundle"), so the store can keep it in one column and a person can read it.
 */
public final class LedgerStateCodec {

    /**
     * Decimals exactly as written: a default mapper reads 145.00 as the double 145.0, which changed
     * the claim's content hash on every round trip and sent a spurious replacement (frequency 7).
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private LedgerStateCodec() {
    }

    public static String toJson(LedgerState s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("sender", s.sender());
        root.put("visitNumber", s.visitNumber());
        root.put("status", s.status().name());
        root.put("dischargedAt", s.dischargedAt() == null ? null : s.dischargedAt().toString());
        root.put("lastChangeAt", s.lastChangeAt() == null ? null : s.lastChangeAt().toString());
        ArrayNode applied = root.putArray("appliedMessages");
        s.appliedMessages().forEach(applied::add);
        ArrayNode rel = root.putArray("releases");
        for (ReleaseRecord r : s.releases()) {
            ObjectNode n = rel.addObject();
            n.put("group", r.group());
            n.put("claimId", r.claimId());
            n.put("frequency", r.frequency());
            n.put("originalClaimId", r.originalClaimId());
            n.put("releasedAt", r.releasedAt().toString());
            n.put("contentHash", r.contentHash());
        }
        try {
            root.set("bundle", JSON.readTree(FhirR4.json().encodeResourceToString(s.encounter().toBundle())));
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize ledger state", e);
        }
    }

    public static LedgerState fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root.path("version").asInt() != 1) {
                throw new IllegalArgumentException("unknown ledger state version " + root.path("version"));
            }
            Set<String> applied = new LinkedHashSet<>();
            root.path("appliedMessages").forEach(n -> applied.add(n.asText()));
            List<ReleaseRecord> releases = new ArrayList<>();
            for (JsonNode n : root.path("releases")) {
                releases.add(new ReleaseRecord(n.get("group").asText(), n.get("claimId").asText(), n.get("frequency").asInt(),
                        n.get("originalClaimId").isNull() ? null : n.get("originalClaimId").asText(),
                        Instant.parse(n.get("releasedAt").asText()), n.get("contentHash").asText()));
            }
            Bundle b = FhirR4.json().parseResource(Bundle.class, JSON.writeValueAsString(root.get("bundle")));
            return new LedgerState(root.get("sender").asText(), root.get("visitNumber").asText(),
                    LedgerStatus.valueOf(root.get("status").asText()), CodedEncounter.fromBundle(b),
                    instant(root.get("dischargedAt")), instant(root.get("lastChangeAt")), applied, releases);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a ledger state document", e);
        }
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
