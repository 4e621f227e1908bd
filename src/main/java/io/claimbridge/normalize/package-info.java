/**
 * normalize: HL7v2 and FHIR input → the canonical {@link io.claimbridge.model.CodedEncounter}, and the
 * encounter ledger's merge/release rules. Pure Java (no Spring/Camel types); the wiring calls:
 *
 * <ul>
 *   <li>{@link io.claimbridge.normalize.mapping.MappingLoader#load(java.nio.file.Path)} once at start
 *       ({@code mappings/}); a {@link io.claimbridge.normalize.mapping.MappingException} names file:line.</li>
 *   <li>{@link io.claimbridge.normalize.hl7v2.Hl7v2Normalizer#normalize(String, String)} per HL7v2 message
 *       → {@link io.claimbridge.normalize.NormalizedMessage}; {@link io.claimbridge.normalize.hl7v2.Hl7v2Exception}
 *       (names segment/field, never data) = ACK AE/AR.</li>
 *   <li>{@link io.claimbridge.normalize.fhir.FhirInboundNormalizer#normalize(String, String)} per FHIR
 *       Encounter/Claim/Bundle; {@link io.claimbridge.normalize.fhir.FhirInputException#element()} is the
 *       OperationOutcome.issue.expression.</li>
 *   <li>{@link io.claimbridge.normalize.ledger.EncounterLedger#apply} per normalized message (state keyed by
 *       sender + visit number, null for the first) and {@link io.claimbridge.normalize.ledger.EncounterLedger#evaluate}
 *       on a timer for bill-hold expiry; persist {@link io.claimbridge.normalize.ledger.LedgerStateCodec#toJson}
 *       and send the returned releases in one transaction.</li>
 *   <li>{@link io.claimbridge.normalize.cli.ConvertCommand} for {@code claimbridge convert}; launch the CLI JVM
 *       with {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} (≈1.2–1.4 s per message from a cold JVM here,
 *       vs 2.4–3.9 s with the default JIT on a loaded 2-vCPU box) and log to stderr.</li>
 * </ul>
 */
package io.claimbridge.normalize;
