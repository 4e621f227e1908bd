package io.claimbridge.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.claimbridge.delivery.routing.DeliveryFormat;
import io.claimbridge.delivery.routing.Destination;
import io.claimbridge.delivery.routing.RoutingTable;
import io.claimbridge.delivery.x12.ClaimRejection;
import io.claimbridge.delivery.x12.ControlNumbers;
import io.claimbridge.delivery.x12.X837Interchange;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.ControlNumberStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.DeliveryStore.DeliveryRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliver stage: released claims' delivery rows → batches → destinations.
 *
 * <p>Each round, in one transaction: PENDING deliveries of an 837 destination whose batch is due
 * (max claims reached or the oldest waited max wait) get control numbers reserved and are marked
 * SENDING with that envelope and a batch key ({@code <destination>-<ISA13>.837}); FHIR deliveries
 * get the key {@code <destination>-<claim id>}; FAILED batches whose retry time has come go back
 * to SENDING as they were. Then, outside the transaction, each batch is sent ({@link BatchSender}).
 * Numbers and batch are committed before a byte leaves, so a crash can only leave SENDING rows with
 * a known key, which start-up resolves by asking the destination before resending the same bytes.
 *
 * <p>Single sender thread per engine: the SENDING rows found at start-up are this node's (the
 * scale-out mode will need a lease per batch before several engines share a database).
 */
public class DeliveryWorker extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_DUE = 5000;

    private final DeliveryStore deliveries;
    private final ClaimStore claims;
    private final ControlNumberStore controlNumbers;
    private final RoutingTable routing;
    private final BatchSender sender;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DeliveryWorker(DeliveryStore deliveries, ClaimStore claims, ControlNumberStore controlNumbers,
                          RoutingTable routing, BatchSender sender, TransactionTemplate tx, Clock clock,
                          Duration pollInterval) {
        super("delivery-worker", pollInterval, true);
        this.deliveries = deliveries;
        this.claims = claims;
        this.controlNumbers = controlNumbers;
        this.routing = routing;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A send to make: which destination, which batch, and whether to ask the destination first; a
     * new interchange carries what was rendered when it was numbered, so it is not rendered twice.
     */
    record Batch(Destination destination, String key, boolean probe, BatchSender.Rendered rendered) {
        Batch(Destination destination, String key, boolean probe) {
            this(destination, key, probe, null);
        }
    }

    @Override
    protected void beforeFirstRound() {
        recoverInterrupted();
    }

    @Override
    protected boolean round() {
        return sendDueBatches() > 0;
    }

    /** Deliveries left SENDING by a crash: ask each destination, then mark sent or resend the same bytes. */
    void recoverInterrupted() {
        Map<String, List<DeliveryRow>> batches = deliveries.inStatus(DeliveryStatus.SENDING).stream()
                .collect(Collectors.groupingBy(r -> r.destination() + "\n" + r.batchKey(), LinkedHashMap::new,
                        Collectors.toList()));
        if (!batches.isEmpty()) {
            log.info("resolving {} batches interrupted mid-send", batches.size());
        }
        for (List<DeliveryRow> rows : batches.values()) {
            DeliveryRow first = rows.get(0);
            Destination d = routing.destination(first.destination());
            if (d == null) {
                log.warn("batch {} is for destination {} which is no longer routed; left SENDING", first.batchKey(),
                        first.destination());
                continue;
            }
            sender.send(d, first.batchKey(), true);
        }
    }

    /** Forms the due batches (committed), then sends them. Returns how many were sent. */
    int sendDueBatches() {
        Instant now = clock.instant();
        List<Batch> ready = tx.execute(s -> form(now));
        for (Batch b : ready) {
            if (b.rendered() != null) {
                sender.sendRendered(b.destination(), b.key(), b.rendered());
            } else {
                sender.send(b.destination(), b.key(), b.probe());
            }
        }
        return ready.size();
    }

    private List<Batch> form(Instant now) {
        List<DeliveryRow> due = deliveries.due(List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED), now, MAX_DUE);
        List<Batch> out = new ArrayList<>();
        Map<String, List<DeliveryRow>> retries = new LinkedHashMap<>();
        Map<String, List<DeliveryRow>> pending = new LinkedHashMap<>();
        for (DeliveryRow r : due) {
            if (DeliveryStatus.FAILED.equals(r.status()) && r.batchKey() != null) {
                retries.computeIfAbsent(r.destination() + "\n" + r.batchKey(), k -> new ArrayList<>()).add(r);
            } else {
                pending.computeIfAbsent(r.destination() + "\n" + r.format(), k -> new ArrayList<>()).add(r);
            }
        }
        for (List<DeliveryRow> rows : retries.values()) {
            Destination d = destinationOf(rows);
            if (d != null) {
                deliveries.markResending(rows.stream().map(DeliveryRow::id).toList());
                out.add(new Batch(d, rows.get(0).batchKey(), true));
            }
        }
        for (List<DeliveryRow> rows : pending.values()) {
            Destination d = destinationOf(rows);
            if (d == null) {
                continue;
            }
            if (d.format() == DeliveryFormat.FHIR_CLAIM) {
                for (DeliveryRow r : rows) {
                    String key = d.name() + "-" + claims.get(r.claimPk()).orElseThrow().claimId();
                    deliveries.markBatched(List.of(r.id()), new DeliveryStore.BatchEnvelope(0, 0, 0, now, key));
                    out.add(new Batch(d, key, false));
                }
                continue;
            }
            int max = d.batch().maxClaims();
            for (int from = 0; from < rows.size(); from += max) {
                List<DeliveryRow> chunk = rows.subList(from, Math.min(rows.size(), from + max));
                boolean full = chunk.size() == max;
                boolean waitedLongEnough = !chunk.get(0).createdAt().plus(d.batch().maxWait()).isAfter(now);
                if (full || waitedLongEnough) {
                    Batch b = number(d, chunk, now);
                    if (b != null) {
                        out.add(b);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reserves ISA13/GS06/ST02, renders the chunk with them, takes rejected claims out (ERROR with the
     * writer's reasons) and marks the rest SENDING with the envelope, all in the caller's transaction.
     * When every claim is rejected the reserved numbers stay unused (a gap, never a repeat).
     */
    private Batch number(Destination d, List<DeliveryRow> chunk, Instant now) {
        Instant batchAt = now.truncatedTo(ChronoUnit.SECONDS);
        List<BatchSender.Loaded> loaded = sender.load(chunk);
        long isa = controlNumbers.reserve(d.name(), "ISA", 1);
        long gs = controlNumbers.reserve(d.name(), "GS", 1);
        long st = controlNumbers.reserve(d.name(), "ST", 1);
        X837Interchange ix = sender.render(d, chunk.get(0).format(), loaded,
                new ControlNumbers(isa, gs, st, sender.localTime(batchAt)));
        Set<String> rejected = ix.rejections().stream().map(ClaimRejection::claimId).collect(Collectors.toSet());
        for (ClaimRejection r : ix.rejections()) {
            for (BatchSender.Loaded l : loaded) {
                if (l.claimId().equals(r.claimId())) {
                    log.warn("claim row {} cannot be rendered as 837 for {}: {} reasons", l.claimPk(), d.name(),
                            r.reasons().size());
                    deliveries.markResult(l.delivery().id(), DeliveryStatus.ERROR, String.join("; ", r.reasons()),
                            null, null, true);
                }
            }
        }
        List<BatchSender.Loaded> accepted = loaded.stream().filter(l -> !rejected.contains(l.claimId())).toList();
        if (accepted.isEmpty()) {
            return null;
        }
        String key = d.name() + "-" + String.format("%09d", isa) + ".837";
        deliveries.markBatched(accepted.stream().map(l -> l.delivery().id()).toList(),
                new DeliveryStore.BatchEnvelope(isa, gs, st, batchAt, key));
        return new Batch(d, key, false, new BatchSender.Rendered(accepted, ix));
    }

    private Destination destinationOf(List<DeliveryRow> rows) {
        Destination d = routing.destination(rows.get(0).destination());
        if (d == null) {
            for (DeliveryRow r : rows) {
                deliveries.markResult(r.id(), DeliveryStatus.ERROR,
                        "destination " + r.destination() + " is not in the routing file", null, null, true);
            }
        }
        return d;
    }
}
