package io.claimbridge.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.claimbridge.ingest.FhirReceiver;
import io.claimbridge.ingest.Hl7HeaderReader;
import io.claimbridge.ingest.Hl7Rejection;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.fhir.FhirInboundNormalizer;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerResult;
import io.claimbridge.normalize.ledger.LedgerState;
import io.claimbridge.normalize.ledger.LedgerStateCodec;
import io.claimbridge.normalize.ledger.Release;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.LedgerStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import io.claimbridge.store.StoredMessage;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The processing stage: a stored message is normalized into the canonical model, merged into its
 * visit's ledger row, and whatever the ledger releases becomes a coded, edited claim — ledger,
 * claims and delivery records in one transaction. A message already applied changes nothing.
 */
public class EncounterProcessor implements MessageHandler<NormalizedMessage> {
    private final Hl7v2Normalizer hl7;
    private final FhirInboundNormalizer fhir;
    private final EncounterLedger ledger;
    private final LedgerStore ledgerStore;
    private final ClaimRelease release;
    private final TransactionTemplate tx;
    private final TransactionTemplate perMessage;
    private final Clock clock;
    private final FhirResourceStore resources;
    private final LedgerStateCache states;

    public EncounterProcessor(Hl7v2Normalizer hl7, FhirInboundNormalizer fhir, EncounterLedger ledger,
                              LedgerStore ledgerStore, ClaimRelease release, TransactionTemplate tx, Clock clock,
                              FhirResourceStore resources, LedgerStateCache states) {
        this.hl7 = hl7;
        this.fhir = fhir;
        this.ledger = ledger;
        this.ledgerStore = ledgerStore;
        this.release = release;
        this.tx = tx;
        this.perMessage = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.perMessage.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.resources = resources;
        this.states = states;
    }

    @Override
    public NormalizedMessage prepare(StoredMessage m) throws Exception {
        return normalize(m);
    }

    /** One visit's messages stay in order; different visits may be merged side by side. */
    @Override
    public Object laneKey(NormalizedMessage nm) {
        return visitKey(nm.sender(), nm.visitNumber());
    }

    @Override
    public Run<NormalizedMessage> startRun() {
        return new LedgerRun();
    }

    private NormalizedMessage normalize(StoredMessage m) throws Hl7Rejection {
        if (m.raw() == null) {
            // a reprocess of a pruned message is refused; this only says so should one get here anyway
            throw new IllegalStateException("message " + m.id() + ": content pruned at " + m.contentPrunedAt()
                    + " by retention");
        }
        if (FhirReceiver.MESSAGE_TYPE.equals(m.messageType()) && FhirReceiver.SOURCE.equals(m.source())) {
            String body = new String(m.raw(), StandardCharsets.UTF_8);
            var parser = body.stripLeading().startsWith("<") ? FhirR4.context().newXmlParser() : FhirR4.json();
            return fhir.normalize(withStoredPatient((Resource) parser.parseResource(body)), m.sender());
        }
        return hl7.normalize(Hl7HeaderReader.read(m.raw()).text(), m.sender());
    }

    /**
     * An Encounter or Claim posted on its own usually points at a Patient the EHR created earlier
     * (e.g. in a transaction): that Patient is read from the FHIR resource store so the encounter
     * can be normalized; the pair is handed over as one collection Bundle.
     */
    private Resource withStoredPatient(Resource input) {
        Reference ref = input instanceof Encounter e ? e.getSubject()
                : input instanceof Claim c ? c.getPatient() : null;
        if (ref == null || !ref.hasReference()) {
            return input;
        }
        IdType id = new IdType(ref.getReference());
        if (!"Patient".equals(id.getResourceType()) || !id.isIdPartValidLong()) {
            return input;
        }
        return resources.read("Patient", id.getIdPartAsLong()).map(json -> {
            Patient p = FhirR4.json().parseResource(Patient.class, json);
            p.setId("Patient/" + id.getIdPart());
            Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
            b.setId(input.fhirType() + "-" + input.getIdElement().getIdPart());
            b.addEntry().setFullUrl(input.fhirType() + "/" + input.getIdElement().getIdPart()).setResource(input);
            b.addEntry().setFullUrl("Patient/" + id.getIdPart()).setResource(p);
            return (Resource) b;
        }).orElse(input);
    }

    /**
     * A visit's state as this run knows it. {@code rowId} 0: no row yet. {@code token}: the token the
     * row carries under this state's base. {@code verified}: the row is known to carry it (read under
     * lock or written in this transaction), not just remembered from an earlier run. {@code dirty}: not
     * written yet.
     */
    private record Pending(String sender, String visitNumber, long rowId, Long token, boolean verified,
                           LedgerState state, Long messageId, boolean dirty) {
        Pending next(LedgerState newState, Long byMessage) {
            return new Pending(sender, visitNumber, rowId, token, verified, newState, byMessage, true);
        }
    }

    /**
     * One lane's messages in one transaction. A visit's new state is written once per run — just
     * before a claim it released is stored (the claim points at the row), else when the run finishes —
     * not once per message: an office visit's registration and charges usually share a run and cost
     * one row write and one encoding.
     */
    private final class LedgerRun implements Run<NormalizedMessage> {
        private final Map<String, Pending> visits = new LinkedHashMap<>();

        @Override
        public void apply(StoredMessage m, NormalizedMessage nm) {
            // a savepoint inside the run's transaction: a failing message undoes only its own changes,
            // and this run's view of the visit is replaced only once the message went through
            perMessage.executeWithoutResult(s -> merge(visits, nm, m.id()));
        }

        @Override
        public void finish() {
            for (Map.Entry<String, Pending> e : visits.entrySet()) {
                Pending p = e.getValue().dirty() ? write(e.getKey(), e.getValue()) : e.getValue();
                if (p.token() != null) {
                    // cached before the commit: if it fails, the row keeps its old token and this entry is never used
                    states.put(e.getKey(), p.rowId(), p.token(), p.state());
                }
            }
        }
    }

    private void merge(Map<String, Pending> visits, NormalizedMessage nm, long messageId) {
        String visit = visitKey(nm.sender(), nm.visitNumber());
        Pending base = visits.get(visit);
        boolean firstInRun = base == null;
        if (firstInRun) {
            LedgerStateCache.Entry known = states.get(visit);
            base = known == null ? locked(visit, nm.sender(), nm.visitNumber())
                    : new Pending(nm.sender(), nm.visitNumber(), known.rowId(), known.token(), false, known.state(), null, false);
        }
        LedgerResult result = ledger.apply(base.state(), nm, clock.instant());
        if (result.duplicate() && !base.verified()) {
            // A duplicate is only believed from the row's own state: a remembered state may come from a
            // save that rolled back, and then the message was never applied.
            Pending row = locked(visit, nm.sender(), nm.visitNumber());
            if (row.rowId() == base.rowId() && Objects.equals(row.token(), base.token())) {
                base = new Pending(base.sender(), base.visitNumber(), base.rowId(), base.token(), true, base.state(),
                        base.messageId(), base.dirty());
            } else if (firstInRun) {
                base = row;
                result = ledger.apply(base.state(), nm, clock.instant());
            } else {
                // earlier messages of this run were merged into a state the row no longer holds
                states.remove(visit);
                throw new RunConflict("visit row " + base.rowId() + " changed under the run");
            }
        }
        if (result.duplicate()) {
            visits.put(visit, base);
            return;
        }
        Pending next = base.next(result.state(), messageId);
        if (!result.releases().isEmpty()) {
            next = write(visit, next);
            releaseAll(result, next.rowId(), messageId);
        }
        visits.put(visit, next);
    }

    /** The visit's row read under lock (its state from memory when the token matches, else decoded). */
    private Pending locked(String visit, String sender, String visitNumber) {
        return ledgerStore.lock(sender, visitNumber)
                .map(row -> new Pending(sender, visitNumber, row.id(), row.stateToken(), true,
                        row.empty() ? null : stateOf(visit, row.id(), row.stateToken()), row.lastMessageId(), false))
                .orElseGet(() -> new Pending(sender, visitNumber, 0, null, true, null, null, false));
    }

    private void releaseAll(LedgerResult result, long rowId, Long messageId) {
        for (Release r : result.releases()) {
            release.release(r.encounter(), r.record().claimId(), r.record().frequency(), r.record().originalClaimId(),
                    rowId, messageId);
        }
    }

    private static String visitKey(String sender, String visitNumber) {
        return sender + "\n" + visitNumber;
    }

    /** The row's current state: from memory when it still holds the token the row carries, else decoded. */
    private LedgerState stateOf(String visit, long rowId, Long token) {
        LedgerState cached = states.get(visit, rowId, token);
        return cached != null ? cached : LedgerStateCodec.fromJson(ledgerStore.stateJson(rowId));
    }

    /**
     * Writes a visit's state under a fresh token: a new row, or the row this transaction holds, or —
     * for a state remembered from an earlier run — the row only if it still carries that state's token
     * (else the run is redone). Returns the state as written.
     */
    private Pending write(String visit, Pending p) {
        long token = states.nextToken();
        String json = LedgerStateCodec.toJson(p.state());
        Instant due = ledger.nextDue(p.state());
        String status = p.state().status().name();
        long rowId = p.rowId();
        if (rowId == 0) {
            try {
                rowId = ledgerStore.insert(p.sender(), p.visitNumber(), status, json, p.messageId(), token, due);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                throw new RunConflict("visit created by another writer");
            }
        } else if (p.verified()) {
            ledgerStore.save(rowId, status, json, p.messageId(), token, due);
        } else if (!ledgerStore.saveIfCurrent(rowId, p.token(), status, json, p.messageId(), token, due)) {
            states.remove(visit);
            throw new RunConflict("visit row " + rowId + " changed since its state was cached");
        }
        return new Pending(p.sender(), p.visitNumber(), rowId, token, true, p.state(), p.messageId(), false);
    }

    /** Time-driven releases (bill hold passed, a professional day closed) for one visit the clock found due. */
    public int tick(String sender, String visitKey) {
        Integer released = tx.execute(s -> {
            String visit = visitKey(sender, visitKey);
            Pending row = locked(visit, sender, visitKey);
            if (row.rowId() == 0 || row.state() == null) {
                return 0;
            }
            Instant now = clock.instant();
            LedgerResult result = ledger.evaluate(row.state(), now);
            if (result.releases().isEmpty()) {
                // Due but nothing to release: the released content is unchanged, so only a message can change that.
                Instant next = ledger.nextDue(row.state());
                ledgerStore.setNextDue(row.rowId(), next != null && next.isAfter(now) ? next : null);
                return 0;
            }
            Pending written = write(visit, row.next(result.state(), row.messageId()));
            releaseAll(result, written.rowId(), null);
            states.put(visit, written.rowId(), written.token(), written.state());
            return result.releases().size();
        });
        return released == null ? 0 : released;
    }
}
