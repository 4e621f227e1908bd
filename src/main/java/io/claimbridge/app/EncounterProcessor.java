package io.claimbridge.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

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
    public void apply(StoredMessage m, NormalizedMessage nm) {
        // a savepoint inside the batch's transaction: a failing message undoes only its own changes
        perMessage.executeWithoutResult(s -> merge(nm, m.id()));
    }

    private NormalizedMessage normalize(StoredMessage m) throws Hl7Rejection {
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

    private void merge(NormalizedMessage nm, long messageId) {
        String visit = visitKey(nm.sender(), nm.visitNumber());
        LedgerStateCache.Entry known = states.get(visit);
        LedgerResult fast = known == null ? null : ledger.apply(known.state(), nm, clock.instant());
        // A duplicate is only believed from the row's own state (slow path): the cached state may
        // come from a save that rolled back, and then the message was never applied.
        // Fast path: merge into the state last saved here and save only if the row still holds it.
        if (fast != null && !fast.duplicate() && save(visit, known.rowId(), known.token(), fast.state(), messageId)) {
            releaseAll(fast, known.rowId(), messageId);
            return;
        }
        LedgerStore.LockedRow row = ledgerStore.lockForMerge(nm.sender(), nm.visitNumber());
        LedgerState state = row.empty() ? null : stateOf(visit, row.id(), row.stateToken());
        LedgerResult result = ledger.apply(state, nm, clock.instant());
        if (result.duplicate()) {
            return;
        }
        save(visit, row.id(), null, result.state(), messageId);
        releaseAll(result, row.id(), messageId);
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
     * Saves a state under a fresh token and caches it. {@code expectedToken} null: the caller holds the
     * row lock; otherwise the row is written only if it still carries that token (returns false if not).
     */
    private boolean save(String visit, long rowId, Long expectedToken, LedgerState state, Long messageId) {
        long token = states.nextToken();
        String json = LedgerStateCodec.toJson(state);
        Instant due = ledger.nextDue(state);
        String status = state.status().name();
        if (expectedToken == null) {
            ledgerStore.save(rowId, status, json, messageId, token, due);
        } else if (!ledgerStore.saveIfCurrent(rowId, expectedToken, status, json, messageId, token, due)) {
            return false;
        }
        // Cached at once: if this transaction rolls back, the row keeps its old token and the entry is never used.
        states.put(visit, rowId, token, state);
        return true;
    }

    /** Time-driven releases (bill hold passed, a professional day closed) for one visit the clock found due. */
    public int tick(String sender, String visitKey) {
        Integer released = tx.execute(s -> {
            LedgerStore.LockedRow row = ledgerStore.lockForMerge(sender, visitKey);
            if (row.empty()) {
                return 0;
            }
            String visit = visitKey(sender, visitKey);
            LedgerState state = stateOf(visit, row.id(), row.stateToken());
            Instant now = clock.instant();
            LedgerResult result = ledger.evaluate(state, now);
            if (result.releases().isEmpty()) {
                // Due but nothing to release: the released content is unchanged, so only a message can change that.
                Instant next = ledger.nextDue(state);
                ledgerStore.setNextDue(row.id(), next != null && next.isAfter(now) ? next : null);
                return 0;
            }
            save(visit, row.id(), null, result.state(), row.lastMessageId());
            releaseAll(result, row.id(), null);
            return result.releases().size();
        });
        return released == null ? 0 : released;
    }
}
