package io.claimbridge.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.claimbridge.normalize.ledger.LedgerStatus;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.LedgerStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** One visit's ledger row and the claims it released: the link between messages and claims. */
@RestController
public class EncounterController {
    private final LedgerStore ledger;
    private final ClaimStore claims;

    public EncounterController(LedgerStore ledger, ClaimStore claims) {
        this.ledger = ledger;
        this.claims = claims;
    }

    public record EncounterView(long id, String sender, String visitNumber, String status, Long lastMessageId,
                                Instant updatedAt, List<ClaimController.ClaimSummary> claims) {
    }

    /** Visits newest first; {@code status} PENDING lists charges that no ADT has named yet (they never bill until one does). */
    @GetMapping("/api/encounters")
    public List<LedgerStore.VisitSummary> list(@RequestParam(required = false) String status,
                                               @RequestParam(defaultValue = "100") int limit) {
        ListLimit.checked(limit);
        String st = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (st != null && Arrays.stream(LedgerStatus.values()).noneMatch(s -> s.name().equals(st))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "status must be one of " + Arrays.toString(LedgerStatus.values()));
        }
        return ledger.list(st, limit);
    }

    @GetMapping("/api/encounters/{id}")
    public EncounterView get(@PathVariable long id) {
        LedgerStore.EncounterRow row = ledger.get(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no encounter " + id));
        return new EncounterView(row.id(), row.sender(), row.visitKey(), row.status(), row.lastMessageId(),
                row.updatedAt(), claims.byEncounter(id).stream().map(ClaimController.ClaimSummary::of).toList());
    }
}
