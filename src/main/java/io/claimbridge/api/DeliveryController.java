package io.claimbridge.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.claimbridge.app.DeliveryStatus;
import io.claimbridge.app.DeliveryWorker;
import io.claimbridge.security.ApiClient;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.DeliveryStore.DeliveryRow;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The delivery log: where each released claim went, every attempt, and the operator's retry of
 * dead letters (DEAD) and refused deliveries (ERROR). A delivery names its claim row; the claim
 * names its encounter and message, so a file at a clearinghouse traces back to the HL7 that made it.
 */
@RestController
@RequestMapping("/api/deliveries")
public class DeliveryController {
    private final DeliveryStore deliveries;
    private final ClaimStore claims;
    private final DeliveryWorker worker;

    public DeliveryController(DeliveryStore deliveries, ClaimStore claims, DeliveryWorker worker) {
        this.deliveries = deliveries;
        this.claims = claims;
        this.worker = worker;
    }

    public record DeliverySummary(long id, long claimPk, String destination, String format, String status,
                                  int attempts, Instant nextAttemptAt, String interchangeControl, String batchKey,
                                  String lastError, Instant createdAt, Instant updatedAt) {
        static DeliverySummary of(DeliveryRow r) {
            return new DeliverySummary(r.id(), r.claimPk(), r.destination(), r.format(), r.status(), r.attempts(),
                    r.nextAttemptAt(), r.interchangeControl(), r.batchKey(), r.lastError(), r.createdAt(),
                    r.updatedAt());
        }
    }

    /** The claim a delivery carries, with its own trace back to encounter and message. */
    public record ClaimRef(long id, String claimId, long encounterId, Long messageId, String status) {
    }

    public record DeliveryDetail(DeliverySummary delivery, ClaimRef claim, Long groupControl,
                                 Long transactionControl, String responseJson, List<DeliveryStore.Attempt> attempts) {
    }

    @GetMapping
    public List<DeliverySummary> list(@RequestParam(required = false) String status,
                                      @RequestParam(required = false) String destination,
                                      @RequestParam(defaultValue = "100") int limit) {
        String st = null;
        if (status != null && !status.isBlank()) {
            st = status.trim().toUpperCase(Locale.ROOT);
            if (!DeliveryStatus.ALL.contains(st)) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown status: use one of "
                        + DeliveryStatus.ALL.stream().sorted().toList());
            }
        }
        ListLimit.checked(limit);
        String dest = destination == null || destination.isBlank() ? null : destination.trim();
        return deliveries.list(st, dest, limit).stream().map(DeliverySummary::of).toList();
    }

    @GetMapping("/{id}")
    public DeliveryDetail get(@PathVariable long id) {
        DeliveryRow r = deliveries.get(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery " + id));
        ClaimRef claim = claims.get(r.claimPk())
                .map(c -> new ClaimRef(c.id(), c.claimId(), c.encounterId(), c.messageId(), c.status()))
                .orElse(null);
        return new DeliveryDetail(DeliverySummary.of(r), claim, r.groupControl(), r.transactionControl(),
                r.responseJson(), deliveries.attempts(id));
    }

    /**
     * ERROR → PENDING (a new send with new control numbers); DEAD → its whole send is retried as it
     * was (same key and control numbers, destination asked first); 409 in any other status.
     */
    @PostMapping("/{id}/retry")
    public DeliverySummary retry(@PathVariable long id, @AuthenticationPrincipal ApiClient caller) {
        DeliveryRow r = deliveries.get(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery " + id));
        if (deliveries.requeue(id, "token " + caller.name()) == 0) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "delivery " + id + " is " + r.status()
                    + ": only DEAD or ERROR deliveries can be retried");
        }
        worker.wake();
        return DeliverySummary.of(deliveries.get(id).orElseThrow());
    }
}
