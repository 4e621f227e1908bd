package io.claimbridge.api;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.IdType;

/** Read-only: patients arrive inside transaction Bundles; the read lets their Locations resolve. */
public class PatientProvider implements IResourceProvider {
    private final FhirIngestProviders shared;

    PatientProvider(FhirIngestProviders shared) {
        this.shared = shared;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return shared.read(id, Patient.class);
    }
}
