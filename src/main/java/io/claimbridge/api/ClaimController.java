package io.claimbridge.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimbridge.app.ClaimCorrection;
import io.claimbridge.app.PayerClaimNumbers;
import io.claimbridge.model.PayerClaimNumber;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.security.ApiClient;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Claims and the coders' work queue: what is held and why, and the corrections that release it. */
@RestController
public class ClaimController {
    private static final int MAX_BODY = 2 * 1024 * 1024;
    /** The actor column holds 120 characters: the user, then " (token <name of up to 40>)". */
    private static final int MAX_USER = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClaimStore claims;
    private final DeliveryStore deliveries;
    private final ClaimCorrection correction;
    private final PayerClaimNumbers payerNumbers;

    public ClaimController(ClaimStore claims, DeliveryStore deliveries, ClaimCorrection correction,
                           PayerClaimNumbers payerNumbers) {
        this.claims = claims;
        this.deliveries = deliveries;
        this.correction = correction;
        this.payerNumbers = payerNumbers;
    }

    public record ClaimSummary(long id, String claimId, long encounterId, Long messageId, String claimType,
                               String frequency, String originalClaimId, String payerId, String status, int errors,
                               int warnings, Instant createdAt, Instant updatedAt, String updatedBy,
                               String payerClaimNumber) {
        static ClaimSummary of(ClaimStore.ClaimRow r) {
            return new ClaimSummary(r.id(), r.claimId(), r.encounterId(), r.messageId(), r.claimType(), r.frequency(),
                    r.originalClaimId(), r.payerId(), r.status(), r.errorCount(), r.warningCount(), r.createdAt(),
                    r.updatedAt(), r.updatedBy(), r.payerClaimNumber());
        }
    }

    /** Held claims, oldest first, each with the edits that hold it. */
    @GetMapping("/api/workqueue")
    public List<Map<String, Object>> workQueue(@RequestParam(defaultValue = "100") int limit) {
        return claims.byStatus("HELD", ListLimit.checked(limit)).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("claim", ClaimSummary.of(r));
            m.put("issues", issues(r.outcomeJson()));
            return m;
        }).toList();
    }

    @GetMapping("/api/claims")
    public List<ClaimSummary> list(@RequestParam(required = false) String status,
                                   @RequestParam(required = false) Long messageId,
                                   @RequestParam(required = false) Long encounterId,
                                   @RequestParam(required = false) String claimId,
                                   @RequestParam(defaultValue = "100") int limit) {
        List<ClaimStore.ClaimRow> rows;
        if (claimId != null) {
            rows = claims.byClaimId(claimId);
        } else if (messageId != null) {
            rows = claims.byMessage(messageId);
        } else if (encounterId != null) {
            rows = claims.byEncounter(encounterId);
        } else if (status != null) {
            rows = claims.byStatus(status.toUpperCase(java.util.Locale.ROOT), ListLimit.checked(limit));
        } else {
            rows = claims.recent(ListLimit.checked(limit));
        }
        return rows.stream().map(ClaimSummary::of).toList();
    }

    @GetMapping("/api/claims/{id}")
    public Map<String, Object> get(@PathVariable long id) {
        ClaimStore.ClaimRow r = claims.get(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no claim " + id));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claim", ClaimSummary.of(r));
        m.put("outcome", tree(r.outcomeJson()));
        m.put("bundle", tree(r.bundleJson()));
        m.put("events", claims.events(id));
        m.put("deliveries", deliveries.forClaim(id));
        return m;
    }

    /**
     * A coder's correction: body is a FHIR Claim (replaces the claim) or the whole canonical Bundle;
     * header X-Claimbridge-User says who, recorded with the name of the token that sent it.
     * Re-validated at once: 200 with the claim either RELEASED or still HELD (with the edits that
     * still fire); 409 when the claim is not held.
     */
    @PutMapping("/api/claims/{id}")
    public Map<String, Object> correct(@PathVariable long id, HttpServletRequest request,
                                       @RequestHeader(value = "X-Claimbridge-User", required = false) String user,
                                       @AuthenticationPrincipal ApiClient caller) throws IOException {
        String actor = actor(user, caller, "who corrects");
        Resource corrected;
        try {
            corrected = (Resource) FhirR4.json().parseResource(readBounded(request.getInputStream()));
        } catch (ca.uhn.fhir.parser.DataFormatException | ClassCastException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "body is not a FHIR JSON resource: " + e.getMessage());
        }
        ClaimCorrection.Outcome outcome;
        try {
            outcome = correction.correct(id, corrected, actor);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        return switch (outcome) {
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no claim " + id);
            case NOT_HELD -> throw new ResponseStatusException(HttpStatus.CONFLICT, "claim " + id + " is not held");
            case RELEASED, STILL_HELD -> get(id);
        };
    }

    /**
     * The payer's claim number (ICN/DCN) of this claim, body {"payerClaimNumber":"..."}; header
     * X-Claimbridge-User says who (recorded with the token's name). Held replacements and voids of
     * the claim are re-checked at once (their REF*F8 needs it): 200 with the claim and the ids of
     * those released or still held.
     */
    @PutMapping("/api/claims/{id}/payer-claim-number")
    public Map<String, Object> setPayerClaimNumber(@PathVariable long id, HttpServletRequest request,
                                                   @RequestHeader(value = "X-Claimbridge-User", required = false)
                                                   String user, @AuthenticationPrincipal ApiClient caller)
            throws IOException {
        String actor = actor(user, caller, "who sets it");
        JsonNode body;
        try {
            body = JSON.readTree(readBounded(request.getInputStream()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "body is not JSON");
        }
        JsonNode value = body == null ? null : body.get("payerClaimNumber");
        if (value == null || !value.isTextual()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "body must be {\"payerClaimNumber\":\"...\"}");
        }
        PayerClaimNumber number;
        try {
            number = new PayerClaimNumber(value.asText());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        PayerClaimNumbers.Result result = payerNumbers.set(id, number, actor);
        if (!result.found()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no claim " + id);
        }
        Map<String, Object> m = get(id);
        m.put("releasedReplacements", result.released());
        m.put("heldReplacements", result.stillHeld());
        return m;
    }

    /** The event's actor: the person the caller names, and the token it authenticated with. */
    private static String actor(String user, ApiClient caller, String who) {
        if (user == null || user.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "header X-Claimbridge-User (" + who + ") is required");
        }
        if (user.trim().length() > MAX_USER) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "header X-Claimbridge-User is over " + MAX_USER + " characters");
        }
        return caller.actor(user.trim());
    }

    private static String readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "body over " + MAX_BODY + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    /** The OperationOutcome's issues, flattened for a work-queue view. */
    private static List<Map<String, Object>> issues(String outcomeJson) {
        JsonNode oo = tree(outcomeJson);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        if (oo == null || !oo.has("issue")) {
            return out;
        }
        for (JsonNode i : oo.get("issue")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", i.path("severity").asText());
            m.put("edit", editId(i));
            m.put("message", i.path("details").path("text").asText(i.path("diagnostics").asText()));
            m.put("expression", i.has("expression") ? i.get("expression").get(0).asText() : null);
            out.add(m);
        }
        return out;
    }

    private static String editId(JsonNode issue) {
        for (JsonNode c : issue.path("details").path("coding")) {
            return c.path("code").asText();
        }
        for (JsonNode e : issue.path("extension")) {
            if (e.path("url").asText().endsWith("edit-id")) {
                return e.path("valueString").asText(e.path("valueCode").asText());
            }
        }
        return null;
    }
}
