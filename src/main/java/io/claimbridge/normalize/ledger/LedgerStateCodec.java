package io.claimbridge.normalize.ledger;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
        // The Bundle is spliced in as HAPI wrote it: no second pass through a Jackson tree.
        StringWriter out = new StringWriter(8192);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("sender", s.sender());
            g.writeStringField("visitNumber", s.visitNumber());
            g.writeStringField("status", s.status().name());
            g.writeStringField("dischargedAt", s.dischargedAt() == null ? null : s.dischargedAt().toString());
            g.writeStringField("lastChangeAt", s.lastChangeAt() == null ? null : s.lastChangeAt().toString());
            g.writeArrayFieldStart("appliedMessages");
            for (String id : s.appliedMessages()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("releases");
            for (ReleaseRecord r : s.releases()) {
                g.writeStartObject();
                g.writeStringField("group", r.group());
                g.writeStringField("claimId", r.claimId());
                g.writeNumberField("frequency", r.frequency());
                g.writeStringField("originalClaimId", r.originalClaimId());
                g.writeStringField("releasedAt", r.releasedAt().toString());
                g.writeStringField("contentHash", r.contentHash());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("bundle");
            g.writeRawValue(FhirR4.encode(s.encounter().toBundle()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize ledger state", e);
        }
        return out.toString();
    }

    public static LedgerState fromJson(String json) {
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a ledger state document");
            }
            ObjectNode header = JSON.createObjectNode();
            String bundleJson = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("bundle".equals(name) && value == JsonToken.START_OBJECT) {
                    // Hand the Bundle's own text to HAPI instead of rebuilding it from a tree.
                    int from = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    bundleJson = json.substring(from, (int) p.currentLocation().getCharOffset());
                } else {
                    header.set(name, JSON.readTree(p));
                }
            }
            if (header.path("version").asInt() != 1) {
                throw new IllegalArgumentException("unknown ledger state version " + header.path("version"));
            }
            if (bundleJson == null) {
                throw new IllegalArgumentException("ledger state without its bundle");
            }
            Set<String> applied = new LinkedHashSet<>();
            header.path("appliedMessages").forEach(n -> applied.add(n.asText()));
            List<ReleaseRecord> releases = new ArrayList<>();
            for (JsonNode n : header.path("releases")) {
                releases.add(new ReleaseRecord(n.get("group").asText(), n.get("claimId").asText(), n.get("frequency").asInt(),
                        n.get("originalClaimId").isNull() ? null : n.get("originalClaimId").asText(),
                        Instant.parse(n.get("releasedAt").asText()), n.get("contentHash").asText()));
            }
            Bundle b = FhirR4.json().parseResource(Bundle.class, bundleJson);
            return new LedgerState(header.get("sender").asText(), header.get("visitNumber").asText(),
                    LedgerStatus.valueOf(header.get("status").asText()), CodedEncounter.fromBundle(b),
                    instant(header.get("dischargedAt")), instant(header.get("lastChangeAt")), applied, releases);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a ledger state document", e);
        }
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
