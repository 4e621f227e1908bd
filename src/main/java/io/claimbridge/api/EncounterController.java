package io.claimbridge.api;

import java.time.Instant;
import java.util.List;

import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.LedgerStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    @GetMapping("/api/encounters/{id}")
    public EncounterView get(@PathVariable long id) {
        LedgerStore.EncounterRow row = ledger.get(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no encounter " + id));
        return new EncounterView(row.id(), row.sender(), row.visitKey(), row.status(), row.lastMessageId(),
                row.updatedAt(), claims.byEncounter(id).stream().map(ClaimController.ClaimSummary::of).toList());
    }
}
