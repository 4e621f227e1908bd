package io.claimbridge.ingest;

import java.util.Locale;

/** Whether a TLS listener asks connecting clients for a certificate (route option {@code clientAuth}). */
public enum MllpClientAuth {
    /** Server-authenticated TLS only. */
    NONE,
    /** Ask for a certificate, accept clients that send none; one that is sent must be trusted. */
    WANT,
    /** Mutual TLS: a client without a trusted certificate is refused during the handshake. */
    NEED;

    static MllpClientAuth parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clientAuth must be none, want or need, got " + value);
        }
    }
}
