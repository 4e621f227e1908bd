package io.claimbridge.delivery.x12;

import java.util.List;

import io.claimbridge.model.CodedEncounter;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves Claim references: by resource set in the Reference, or by id (urn:uuid, Type/id or
 * bare id). A linear scan: an encounter holds a handful of resources, and a map per claim cost
 * more than it saved.
 */
final class ResourceReferences {
    private final List<Resource> resources;

    ResourceReferences(CodedEncounter ce) {
        this.resources = ce.all();
    }

    private Resource byId(String ref) {
        for (Resource r : resources) {
            String full = r.getIdElement().getValue();
            if (full == null) {
                continue;
            }
            if (full.equals(ref)) {
                return r;
            }
            String part = r.getIdElement().getIdPart();
            if (part != null && ref.endsWith(part)
                    && (ref.equals(part) || ref.equals(r.fhirType() + "/" + part))) {
                return r;
            }
        }
        return null;
    }

    <T extends Resource> T find(Reference ref, Class<T> type) {
        if (ref == null) {
            return null;
        }
        if (type.isInstance(ref.getResource())) {
            return type.cast(ref.getResource());
        }
        if (!ref.hasReference()) {
            return null;
        }
        Resource r = byId(ref.getReference());
        return type.isInstance(r) ? type.cast(r) : null;
    }

    /** Coverage.subscriber: a contained RelatedPerson/Patient ("#id") or one of the encounter's resources. */
    DomainResource findContained(Coverage coverage, Reference ref) {
        if (ref == null) {
            return null;
        }
        if (ref.getResource() instanceof DomainResource dr) {
            return dr;
        }
        if (!ref.hasReference()) {
            return null;
        }
        String target = ref.getReference();
        if (target.startsWith("#")) {
            for (Resource r : coverage.getContained()) {
                String id = r.getIdElement().getIdPart();
                if (id != null && (target.substring(1).equals(id) || target.equals(id)) && r instanceof DomainResource dr) {
                    return dr;
                }
            }
            return null;
        }
        Resource r = byId(target);
        return r instanceof DomainResource dr ? dr : null;
    }
}
