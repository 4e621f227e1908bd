package io.claimbridge.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.claimbridge.ingest.FhirCreateOutcome;
import io.claimbridge.ingest.FhirReceiver;
import io.claimbridge.ingest.FhirRejection;
import io.claimbridge.store.FhirResourceStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the per-type HAPI providers share: create through {@link FhirReceiver} (store, then answer)
 * and read back from {@code fhir_resource}. The providers only carry HAPI's annotations.
 */
public final class FhirIngestProviders {
    private final FhirContext fhir;
    private final FhirReceiver receiver;
    private final FhirResourceStore resources;
    private final FhirRequestBodies bodies;

    public FhirIngestProviders(FhirContext fhir, FhirReceiver receiver, FhirResourceStore resources) {
        this.fhir = fhir;
        this.receiver = receiver;
        this.resources = resources;
        this.bodies = new FhirRequestBodies(fhir);
    }

    <T extends Resource> MethodOutcome create(RequestDetails request, Class<T> type) {
        byte[] raw = request.loadRequestContents();
        try {
            Object pre = request.getUserData().get(FhirBodyPreParser.PARSED);
            T resource = type.isInstance(pre) ? type.cast(pre) : bodies.parse(request, raw, type);
            FhirCreateOutcome outcome = receiver.create(resource, raw, request.getHeader("If-None-Exist"));
            MethodOutcome out = new MethodOutcome(new IdType(outcome.resourceType(), outcome.id()));
            out.setCreated(outcome.created());
            return out;
        } catch (FhirRejection r) {
            throw new FhirHttpException(r);
        }
    }

    <T extends Resource> T read(IdType id, Class<T> type) {
        String typeName = fhir.getResourceType(type);
        if (!id.isIdPartValidLong()) {
            throw new ResourceNotFoundException(id);
        }
        long key = id.getIdPartAsLong();
        String body = resources.read(typeName, key).orElseThrow(() -> resources.exists(typeName, key)
                ? new ResourceGoneException("the content of " + typeName + "/" + key + " was removed by retention")
                : new ResourceNotFoundException(id));
        return fhir.newJsonParser().parseResource(type, body);
    }

    Bundle transaction(RequestDetails request, Bundle bundle) {
        try {
            return receiver.transaction(bundle, request.loadRequestContents());
        } catch (FhirRejection r) {
            throw new FhirHttpException(r);
        }
    }

    public EncounterProvider encounter() {
        return new EncounterProvider(this);
    }

    public ClaimProvider claim() {
        return new ClaimProvider(this);
    }

    public PatientProvider patient() {
        return new PatientProvider(this);
    }

    public TransactionProvider transaction() {
        return new TransactionProvider(this);
    }
}
