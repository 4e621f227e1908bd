package io.claimbridge.delivery.routing;

/** A routing file that cannot be used, with the file and 1-based line to fix. */
public final class RoutingException extends RuntimeException {
    private final String source;
    private final int line;

    public RoutingException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
