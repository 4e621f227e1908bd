package io.claimbridge.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

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
import io.claimbridge.store.LedgerStore;
import io.claimbridge.store.StoredMessage;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The processing stage: a stored message is normalized into the canonical model, merged into its
 * visit's ledger row, and whatever the ledger releases becomes a coded, edited claim — ledger,
 * claims and delivery records in one transaction. A message already applied changes nothing.
 */
public class EncounterProcessor implements MessageHandler {
    private final Hl7v2Normalizer hl7;
    private final FhirInboundNormalizer fhir;
    private final EncounterLedger ledger;
    private final LedgerStore ledgerStore;
    private final ClaimRelease release;
    private final TransactionTemplate tx;
    private final Clock clock;

    public EncounterProcessor(Hl7v2Normalizer hl7, FhirInboundNormalizer fhir, EncounterLedger ledger,
                              LedgerStore ledgerStore, ClaimRelease release, TransactionTemplate tx, Clock clock) {
        this.hl7 = hl7;
        this.fhir = fhir;
        this.ledger = ledger;
        this.ledgerStore = ledgerStore;
        this.release = release;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void handle(StoredMessage m) throws Exception {
        NormalizedMessage nm = normalize(m);
        tx.executeWithoutResult(s -> merge(nm, m.id()));
    }

    private NormalizedMessage normalize(StoredMessage m) throws Hl7Rejection {
        if ("FHIR".equals(m.messageType())) {
            return fhir.normalize(new String(m.raw(), StandardCharsets.UTF_8), m.sender());
        }
        return hl7.normalize(Hl7HeaderReader.read(m.raw()).text(), m.sender());
    }

    private void merge(NormalizedMessage nm, long messageId) {
        LedgerStore.EncounterRow row = ledgerStore.lockOrCreate(nm.sender(), nm.visitNumber(), "");
        LedgerState state = row.stateJson().isEmpty() ? null : LedgerStateCodec.fromJson(row.stateJson());
        LedgerResult result = ledger.apply(state, nm, clock.instant());
        if (result.duplicate()) {
            return;
        }
        ledgerStore.save(row.id(), result.state().status().name(), LedgerStateCodec.toJson(result.state()), messageId);
        for (Release r : result.releases()) {
            release.release(r.encounter(), r.record().claimId(), r.record().frequency(), r.record().originalClaimId(),
                    row.id(), messageId);
        }
    }

    /** Time-driven releases (bill hold passed, a professional day closed) for one visit. */
    public int tick(LedgerStore.EncounterRow candidate) {
        Integer released = tx.execute(s -> {
            LedgerStore.EncounterRow row = ledgerStore.find(candidate.sender(), candidate.visitKey(), true).orElseThrow();
            if (row.stateJson().isEmpty()) {
                return 0;
            }
            LedgerResult result = ledger.evaluate(LedgerStateCodec.fromJson(row.stateJson()), clock.instant());
            if (result.releases().isEmpty()) {
                return 0;
            }
            ledgerStore.save(row.id(), result.state().status().name(), LedgerStateCodec.toJson(result.state()),
                    row.lastMessageId());
            for (Release r : result.releases()) {
                release.release(r.encounter(), r.record().claimId(), r.record().frequency(),
                        r.record().originalClaimId(), row.id(), null);
            }
            return result.releases().size();
        });
        return released == null ? 0 : released;
    }
}
