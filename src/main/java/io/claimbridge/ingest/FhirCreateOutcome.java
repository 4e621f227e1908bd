package io.claimbridge.ingest;

/** The answer to an accepted create: the resource's id and whether it was new (201) or already there (200). */
public record FhirCreateOutcome(String resourceType, long id, boolean created) {
    public String location() {
        return resourceType + "/" + id;
    }
}
