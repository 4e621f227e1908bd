package io.claimbridge.store;

/** One FHIR resource to store: its assigned id, business identifier (may be null) and JSON body. */
public record FhirResourceRow(long id, String resourceType, String identifierSystem, String identifierValue,
                              long messageId, String body) {
}
