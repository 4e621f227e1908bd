package io.claimbridge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What an inbound resource must carry for claimbridge to use it (stricter than base FHIR R4:
 * an encounter we cannot identify, attribute to a patient or date cannot become a claim).
 * Failures are 422 with the element's FHIRPath, prefixed by where the resource sits.
 */
public final class FhirRequirements {
    private FhirRequirements() {
    }

    /** The resource types accepted for storage. */
    public static boolean supported(String resourceType) {
        return switch (resourceType) {
            case "Encounter", "Claim", "Patient" -> true;
            default -> false;
        };
    }

    /** Whether this type needs a business identifier (the key for resends). */
    public static boolean identifierRequired(String resourceType) {
        return !"Patient".equals(resourceType);
    }

    /** The first identifier with both system and value: the resource's business key. */
    public static Optional<IdentifierKey> businessIdentifier(Resource r) {
        List<Identifier> ids = List.of();
        if (r instanceof Encounter e) {
            ids = e.getIdentifier();
        } else if (r instanceof Claim c) {
            ids = c.getIdentifier();
        } else if (r instanceof Patient p) {
            ids = p.getIdentifier();
        }
        return ids.stream().filter(i -> i.hasSystem() && i.hasValue()).findFirst().map(IdentifierKey::of);
    }

    public static List<FhirIssue> check(Resource r, String path) {
        List<FhirIssue> issues = new ArrayList<>();
        if (identifierRequired(r.fhirType()) && businessIdentifier(r).isEmpty()) {
            issues.add(required(path + ".identifier", "an identifier with system and value"));
        }
        if (r instanceof Encounter e) {
            if (!hasTarget(e.getSubject())) {
                issues.add(required(path + ".subject", "the patient reference"));
            }
            if (!e.hasPeriod() || !e.getPeriod().hasStart()) {
                issues.add(required(path + ".period", "a period with a start"));
            }
        } else if (r instanceof Claim c) {
            if (!hasTarget(c.getPatient())) {
                issues.add(required(path + ".patient", "the patient reference"));
            }
            if (!hasTarget(c.getProvider())) {
                issues.add(required(path + ".provider", "the provider reference"));
            }
            if (c.getDiagnosis().isEmpty()) {
                issues.add(required(path + ".diagnosis", "at least one diagnosis"));
            }
            if (c.getItem().isEmpty()) {
                issues.add(required(path + ".item", "at least one item"));
            }
        }
        return issues;
    }

    private static boolean hasTarget(Reference ref) {
        return ref != null && (ref.hasReference() || ref.hasIdentifier());
    }

    private static FhirIssue required(String expression, String what) {
        return new FhirIssue(IssueType.REQUIRED, expression, expression + " is required: " + what);
    }
}
