package io.claimbridge.ingest;

/**
 * When a listener acknowledges: ORIGINAL acks AA as soon as the message is stored; VALIDATE
 * first parses it fully and answers AE (message stored with status ERROR) if it does not parse.
 */
public enum AckMode {
    ORIGINAL, VALIDATE
}
