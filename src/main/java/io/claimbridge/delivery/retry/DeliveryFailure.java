package io.claimbridge.delivery.retry;

/**
 * What went wrong with one delivery attempt, in transport-neutral terms the transports report
 * (HTTP/FHIR, SFTP, file). {@code detail} is for the delivery log: ids and status text, no PHI.
 */
public sealed interface DeliveryFailure {

    String detail();

    /** The peer answered with an HTTP status. {@code operationOutcome}: the body was a FHIR OperationOutcome. */
    record HttpStatus(int status, boolean operationOutcome, String detail) implements DeliveryFailure {
    }

    /** Connect or read timeout. */
    record Timeout(String detail) implements DeliveryFailure {
    }

    /** Connection refused / host unreachable / DNS failure. */
    record ConnectionFailed(String detail) implements DeliveryFailure {
    }

    /** Login or TLS handshake refused: retrying the same credentials will not help. */
    record AuthenticationFailed(String detail) implements DeliveryFailure {
    }

    /**
     * The SFTP server's host key is unknown or not the expected one: a re-keyed server or a man in the
     * middle, which a person must tell apart before any claim goes there.
     */
    record HostKeyRejected(String detail) implements DeliveryFailure {
    }

    /** Local or remote I/O error (disk full, SFTP write failed, broken pipe). */
    record IoError(String detail) implements DeliveryFailure {
    }

    /** The payload itself was refused before sending (e.g. the destination's size limit). */
    record Rejected(String detail) implements DeliveryFailure {
    }
}
