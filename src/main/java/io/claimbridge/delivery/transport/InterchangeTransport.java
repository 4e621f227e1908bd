package io.claimbridge.delivery.transport;

/**
 * Carries one rendered X12 interchange to a destination under its batch key (a file name such as
 * {@code clearinghouse-000000042.837}). The key is fixed before the first attempt, which is what
 * lets a restarted engine ask the destination whether a send it never saw confirmed arrived.
 */
public interface InterchangeTransport {

    /**
     * Whether the destination already holds this send. {@code false} when the transport cannot
     * tell (HTTP), in which case the resend relies on the peer honouring the request key.
     */
    boolean holds(String batchKey) throws TransportException;

    void send(String batchKey, byte[] interchange) throws TransportException;
}
