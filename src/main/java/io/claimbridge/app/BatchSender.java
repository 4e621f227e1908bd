package io.claimbridge.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.retry.RetryDecision;
import io.claimbridge.delivery.retry.RetryPlanner;
import io.claimbridge.delivery.routing.DeliveryFormat;
import io.claimbridge.delivery.routing.Destination;
import io.claimbridge.delivery.transport.ClaimResponseNumber;
import io.claimbridge.delivery.transport.FhirClaimTransport;
import io.claimbridge.delivery.transport.InterchangeTransport;
import io.claimbridge.delivery.transport.TransportException;
import io.claimbridge.delivery.x12.ClaimRejection;
import io.claimbridge.delivery.x12.ControlNumbers;
import io.claimbridge.delivery.x12.X12Format;
import io.claimbridge.delivery.x12.X837Interchange;
import io.claimbridge.delivery.x12.X837Writer;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.model.PayerClaimNumber;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.DeliveryStore.DeliveryRow;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one batch whose deliveries are SENDING and records how it went. The batch's content and
 * envelope come from the database only (claims in delivery-id order, the persisted ISA13/GS06/ST02
 * and timestamp), so the first send, a retry and a resend after a crash carry the same bytes.
 *
 * <p>{@code probe}: ask the destination first whether it already has the batch (file present,
 * Claim found by identifier) — for every send whose earlier attempt may have arrived unconfirmed.
 */
public class BatchSender {
    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    private final DeliveryStore deliveries;
    private final ClaimStore claims;
    private final DeliveryTransports transports;
    private final X837Writer writer;
    private final ZoneId zone;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RandomGenerator random;
    private final ReleasedClaimCache released;
    private final PayerNumberSink payerNumbers;

    /** Where the payer's claim number from an insurer's ClaimResponse is recorded ({@link PayerClaimNumbers}). */
    @FunctionalInterface
    public interface PayerNumberSink {
        void record(long claimPk, PayerClaimNumber number, String actor);
    }

    public BatchSender(DeliveryStore deliveries, ClaimStore claims, DeliveryTransports transports, ZoneId zone,
                       TransactionTemplate tx, Clock clock, RandomGenerator random, ReleasedClaimCache released,
                       PayerNumberSink payerNumbers) {
        this.deliveries = deliveries;
        this.claims = claims;
        this.transports = transports;
        this.writer = new X837Writer(zone);
        this.zone = zone;
        this.tx = tx;
        this.clock = clock;
        this.random = random;
        this.released = released;
        this.payerNumbers = payerNumbers;
    }

    /** A batch's claims: handed over in memory by processing, else decoded from their stored Bundles. */
    record Loaded(DeliveryRow delivery, long claimPk, String claimId, CodedEncounter encounter) {
    }

    List<Loaded> load(List<DeliveryRow> rows) {
        List<Loaded> out = new ArrayList<>(rows.size());
        for (DeliveryRow r : rows) {
            ReleasedClaimCache.Entry cached = released.get(r.claimPk());
            if (cached != null) {
                out.add(new Loaded(r, r.claimPk(), cached.claimId(), cached.encounter()));
                continue;
            }
            ClaimStore.ClaimRow c = claims.get(r.claimPk()).orElseThrow();
            Bundle b = FhirR4.json().parseResource(Bundle.class, c.bundleJson());
            out.add(new Loaded(r, c.id(), c.claimId(), CodedEncounter.fromBundle(b)));
        }
        return out;
    }

    /** Renders X12 for these claims; pure, so it can also be used to learn rejections before numbering. */
    X837Interchange render(Destination d, String format, List<Loaded> batch, ControlNumbers numbers) {
        return writer.write(batch.stream().map(Loaded::encounter).toList(), x12Format(format),
                d.x12().toEnvelope(), numbers);
    }

    ControlNumbers numbers(DeliveryRow first) {
        return new ControlNumbers(Long.parseLong(first.interchangeControl()), first.groupControl(),
                first.transactionControl(), LocalDateTime.ofInstant(first.batchAt(), zone));
    }

    LocalDateTime localTime(Instant at) {
        return LocalDateTime.ofInstant(at, zone);
    }

    public void send(Destination d, String batchKey, boolean probe) {
        List<DeliveryRow> rows = deliveries.inBatch(d.name(), batchKey).stream()
                .filter(r -> DeliveryStatus.SENDING.equals(r.status())).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (d.format() == DeliveryFormat.FHIR_CLAIM) {
            sendFhir(d, rows.get(0), probe);
        } else {
            sendInterchange(d, batchKey, rows, probe);
        }
    }

    /** An interchange rendered when its batch was numbered, and the claims in it. */
    record Rendered(List<Loaded> claims, X837Interchange interchange) {
    }

    /** First send of a batch just numbered: the bytes rendered then are the bytes a resend renders from the database. */
    public void sendRendered(Destination d, String batchKey, Rendered r) {
        transmit(d, batchKey, r.claims(), r.interchange(), false);
    }

    private void sendInterchange(Destination d, String batchKey, List<DeliveryRow> rows, boolean probe) {
        List<Loaded> batch = load(rows);
        X837Interchange ix = render(d, rows.get(0).format(), batch, numbers(rows.get(0)));
        // Rejections were taken out when the batch was formed; one here means the claim changed since.
        Map<String, ClaimRejection> rejected = new HashMap<>();
        ix.rejections().forEach(r -> rejected.put(r.claimId(), r));
        List<Loaded> sendable = new ArrayList<>();
        for (Loaded l : batch) {
            ClaimRejection r = rejected.get(l.claimId());
            if (r != null) {
                deliveries.markResult(l.delivery().id(), DeliveryStatus.ERROR, String.join("; ", r.reasons()), null,
                        null, true);
            } else {
                sendable.add(l);
            }
        }
        transmit(d, batchKey, sendable, ix, probe);
    }

    private void transmit(Destination d, String batchKey, List<Loaded> sendable, X837Interchange ix, boolean probe) {
        if (ix.isEmpty()) {
            return;
        }
        InterchangeTransport transport = transports.interchange(d);
        try {
            if (probe && transport.holds(batchKey)) {
                log.info("batch {} already at {}: marked sent without resending", batchKey, d.name());
                done(sendable, DeliveryStatus.SENT, "already at destination", null);
                return;
            }
            transport.send(batchKey, ix.bytes());
            log.info("sent batch {} ({} claims, ISA13 {}) to {}", batchKey, sendable.size(),
                    ix.claims().isEmpty() ? "?" : ix.claims().get(0).interchange(), d.name());
            done(sendable, DeliveryStatus.SENT, null, null);
        } catch (TransportException e) {
            failed(d, sendable, e.failure(), batchKey);
        }
    }

    private void sendFhir(Destination d, DeliveryRow row, boolean probe) {
        Loaded l = load(List.of(row)).get(0);
        FhirClaimTransport transport = transports.fhir(d);
        String claimId = l.claimId();
        try {
            if (probe) {
                Optional<String> found = transport.find(claimId);
                if (found.isPresent()) {
                    log.info("claim row {} already at {} as {}: marked sent without resending", l.claimPk(),
                            d.name(), found.get());
                    done(List.of(l), DeliveryStatus.SENT, "already at destination", location(found.get()));
                    return;
                }
            }
            FhirClaimTransport.Submitted s = transport.submit(l.encounter(), claimId);
            log.info("sent claim row {} to {} ({})", l.claimPk(), d.name(), s.location());
            done(List.of(l), s.accepted() ? DeliveryStatus.ACCEPTED : DeliveryStatus.SENT, null,
                    s.accepted() ? s.claimResponseJson() : location(s.location()));
            if (s.accepted()) {
                recordPayerNumber(l.claimPk(), s.claimResponseJson(), d.name());
            }
        } catch (TransportException e) {
            failed(d, List.of(l), e.failure(), row.batchKey());
        }
    }

    /** The insurer's claim number for a later replacement's REF*F8; the delivery stands either way. */
    private void recordPayerNumber(long claimPk, String claimResponseJson, String destination) {
        Optional<String> value = ClaimResponseNumber.of(claimResponseJson);
        if (value.isEmpty()) {
            return;
        }
        try {
            payerNumbers.record(claimPk, new PayerClaimNumber(value.get()), "insurer:" + destination);
        } catch (IllegalArgumentException e) {
            log.warn("claim row {}: ClaimResponse identifier from {} not usable as a payer claim number: {}",
                    claimPk, destination, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("claim row {}: payer claim number from {} not recorded ({}); set it with the API",
                    claimPk, destination, e.getClass().getSimpleName());
        }
    }

    private static String location(String location) {
        return location == null ? null : "{\"location\":\"" + location.replace("\"", "") + "\"}";
    }

    /** Marks the batch delivered and each claim DELIVERED once all its destinations have it, atomically. */
    private void done(List<Loaded> batch, String status, String note, String responseJson) {
        tx.executeWithoutResult(s -> {
            deliveries.markResults(batch.stream().map(l -> l.delivery().id()).toList(), status, note, responseJson,
                    null, true);
            Set<Long> claimPks = new LinkedHashSet<>();
            batch.forEach(l -> claimPks.add(l.claimPk()));
            Map<Long, String> delivered = new LinkedHashMap<>();
            deliveries.statusesByClaim(claimPks).forEach((pk, statuses) -> {
                if (statuses.stream().allMatch(DeliveryStatus.DONE::contains)) {
                    delivered.put(pk, "delivered to " + statuses.size() + " destination(s)");
                }
            });
            claims.setStatuses(delivered, DeliveryStatus.CLAIM_DELIVERED, "delivery");
            delivered.keySet().forEach(released::remove);
        });
    }

    private void failed(Destination d, List<Loaded> batch, DeliveryFailure failure, String batchKey) {
        // Every delivery of a batch went in the same send, so they share one attempt count and decision.
        int attempt = batch.get(0).delivery().attempts() + 1;
        RetryDecision decision = new RetryPlanner(d.retry(), random).afterFailure(attempt, failure);
        Instant now = clock.instant();
        String status;
        Instant next = null;
        String reason;
        if (decision instanceof RetryDecision.Retry r) {
            status = DeliveryStatus.FAILED;
            next = now.plus(r.delay());
            reason = r.reason();
        } else if (decision instanceof RetryDecision.Dead dead) {
            status = DeliveryStatus.DEAD;
            reason = dead.reason();
        } else {
            status = DeliveryStatus.ERROR;
            reason = ((RetryDecision.Error) decision).reason();
        }
        log.warn("batch {} to {} attempt {} failed: {} -> {}", batchKey, d.name(), attempt,
                failure.getClass().getSimpleName(), status);
        Instant nextAttempt = next;
        tx.executeWithoutResult(s -> deliveries.markResults(batch.stream().map(l -> l.delivery().id()).toList(),
                status, reason, null, nextAttempt, true));
    }

    static X12Format x12Format(String deliveryFormat) {
        return switch (deliveryFormat) {
            case "837P" -> X12Format.PROFESSIONAL;
            case "837I" -> X12Format.INSTITUTIONAL;
            default -> null;
        };
    }
}
