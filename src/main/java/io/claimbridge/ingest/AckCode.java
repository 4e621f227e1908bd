package io.claimbridge.ingest;

/** MSA-1: original-mode application acks and enhanced-mode commit acks. */
public enum AckCode {
    AA, AE, AR, CA, CE, CR;

    /** The enhanced-mode (commit) code that stands for this original-mode code. */
    public AckCode commit() {
        return switch (this) {
            case AA, CA -> CA;
            case AE, CE -> CE;
            case AR, CR -> CR;
        };
    }

    public boolean accepted() {
        return this == AA || this == CA;
    }
}
