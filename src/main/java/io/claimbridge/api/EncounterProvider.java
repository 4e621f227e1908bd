package io.claimbridge.api;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;

/** POST /fhir/Encounter (conditional create with If-None-Exist) and GET /fhir/Encounter/{id}. */
public class EncounterProvider implements IResourceProvider {
    private final FhirIngestProviders shared;

    EncounterProvider(FhirIngestProviders shared) {
        this.shared = shared;
    }

    @Override
    public Class<Encounter> getResourceType() {
        return Encounter.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam String body, RequestDetails request) {
        return shared.create(request, Encounter.class);
    }

    @Read
    public Encounter read(@IdParam IdType id) {
        return shared.read(id, Encounter.class);
    }
}
