package io.claimbridge.normalize;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/** The one R4 {@link FhirContext} of the process (expensive to build; thread-safe; parsers are not). */
public final class FhirR4 {
    private FhirR4() {
    }

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    public static IParser prettyJson() {
        return context().newJsonParser().setPrettyPrint(true);
    }

    public static IParser json() {
        return context().newJsonParser();
    }

    /**
     * Compact JSON of a resource, byte for byte what HAPI's JSON parser writes, by {@link FhirJsonWriter}
     * (several times faster; it hands the few constructs it does not reproduce to HAPI).
     */
    public static String encode(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return FhirJsonWriter.encode(resource);
    }
}
