package io.claimbridge.store;

/** A resource with the same type and business identifier was stored first (by a concurrent request). */
public class DuplicateIdentifierException extends RuntimeException {
    public DuplicateIdentifierException(Throwable cause) {
        super("a resource with this identifier already exists", cause);
    }
}
