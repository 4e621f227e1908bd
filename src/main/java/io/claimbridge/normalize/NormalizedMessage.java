package io.claimbridge.normalize;

import java.time.Instant;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.mapping.LedgerEvent;

/**
 * One inbound message in canonical form plus what the ledger needs to merge it.
 *
 * @param controlId     MSH-10 (or the FHIR resource/bundle id): duplicates are applied once
 * @param trigger       e.g. "A01", "P03" (FHIR input: the resource type)
 * @param visitNumber   ledger key together with {@code sender}
 * @param messageTime   MSH-7 / EVN-2 (FHIR: meta.lastUpdated or now)
 * @param hasDiagnoses  the message carried a diagnosis set (an A08 without DG1 keeps the old set)
 * @param hasProcedures the message carried a procedure set
 */
public record NormalizedMessage(
        String sender,
        String controlId,
        String trigger,
        LedgerEvent event,
        String visitNumber,
        Instant messageTime,
        boolean hasDiagnoses,
        boolean hasProcedures,
        CodedEncounter encounter) {
}
