package io.claimbridge.ingest;

/** Test access to the receiver's content hash. */
public final class TestHashes {
    private TestHashes() {
    }

    public static String sha256(byte[] raw) {
        return Hl7Receiver.sha256(raw);
    }
}
