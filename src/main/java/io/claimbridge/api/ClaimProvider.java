package io.claimbridge.api;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;

/** POST /fhir/Claim (conditional create with If-None-Exist) and GET /fhir/Claim/{id}. */
public class ClaimProvider implements IResourceProvider {
    private final FhirIngestProviders shared;

    ClaimProvider(FhirIngestProviders shared) {
        this.shared = shared;
    }

    @Override
    public Class<Claim> getResourceType() {
        return Claim.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam String body, RequestDetails request) {
        return shared.create(request, Claim.class);
    }

    @Read
    public Claim read(@IdParam IdType id) {
        return shared.read(id, Claim.class);
    }
}
