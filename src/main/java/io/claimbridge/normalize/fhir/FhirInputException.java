package io.claimbridge.normalize.fhir;

/** FHIR input cannot be normalized; {@link #element()} names the FHIRPath-like element at fault (for OperationOutcome.issue.expression). */
public class FhirInputException extends RuntimeException {
    private final String element;

    public FhirInputException(String element, String message) {
        super(element + ": " + message);
        this.element = element;
    }

    public FhirInputException(String element, String message, Throwable cause) {
        super(element + ": " + message, cause);
        this.element = element;
    }

    public String element() {
        return element;
    }
}
