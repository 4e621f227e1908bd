package io.claimbridge.normalize.mapping;

/** A mapping file an analyst wrote is wrong; the message names the file and line so it can be fixed. */
public class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }

    static MappingException at(String file, int line, String what) {
        return new MappingException(file + ":" + line + ": " + what);
    }
}
