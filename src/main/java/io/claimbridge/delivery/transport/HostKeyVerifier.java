package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

import io.claimbridge.delivery.routing.Transport;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.signature.Signature;

/**
 * Checks the host key an SFTP server presents against a destination's pinned fingerprints and/or
 * known_hosts file (both must agree when both are set). The file is read again on every
 * connection, so an operator's fix counts without a restart, and it is never written to: unlike
 * MINA's own verifier, no key is learnt on first use.
 *
 * <p>A refusal is kept per session until the transport asks: MINA only reports "did not validate",
 * and the delivery must record which key was presented and what was expected (fingerprints, no
 * PHI). Not as a session attribute: MINA clears those when it closes the session, which races the
 * transport's look.
 */
public final class HostKeyVerifier implements ServerKeyVerifier {
    /** Weak keys: a session whose failure nobody asks about must not stay here. */
    private final Map<ClientSession, String> refusals = Collections.synchronizedMap(new WeakHashMap<>());
    private final String host;
    private final int port;
    private final Transport.HostKeyCheck.Verify check;

    HostKeyVerifier(String host, int port, Transport.HostKeyCheck.Verify check) {
        this.host = host;
        this.port = port;
        this.check = check;
    }

    /**
     * What an operator must hear at start-up about a destination's host key check, before any claim
     * is sent: an opt-out, or a known_hosts file that is not there (every delivery would fail).
     */
    public static Optional<String> startupWarning(Transport.Sftp config) {
        if (config.hostKeyCheck() instanceof Transport.HostKeyCheck.Verify v) {
            Path file = v.knownHosts();
            return file == null || Files.isRegularFile(file) ? Optional.empty()
                    : Optional.of("known_hosts file " + file + " does not exist: deliveries to " + config.host()
                            + " will fail until it lists the server's key (or set knownHosts/hostKeyFingerprint)");
        }
        return Optional.of("hostKeyCheck is OFF: ANY server answering at " + config.host() + ":" + config.port()
                + " receives the claims; for test labs only");
    }

    /** Why the server's key was refused on this session, if it was. */
    Optional<String> refusal(ClientSession session) {
        return Optional.ofNullable(refusals.remove(session));
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String refusal = refusal(serverKey);
        if (refusal != null) {
            refusals.put(session, refusal);
            return false;
        }
        return true;
    }

    /** Null when the key is the expected one, else why not. */
    String refusal(PublicKey key) {
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        String presented = KeyUtils.getKeyType(key) + " " + fingerprint;
        String where = host + ":" + port;
        if (!check.fingerprints().isEmpty() && !check.fingerprints().contains(fingerprint)) {
            return "host key of " + where + " is not the pinned one: server presented " + presented + ", pinned "
                    + String.join(", ", check.fingerprints());
        }
        Path file = check.knownHosts();
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            return "known_hosts file " + file + " does not exist, so " + where + " cannot be trusted (server "
                    + "presented " + presented + "); set knownHosts or hostKeyFingerprint";
        }
        KnownHostKeys known;
        try {
            known = KnownHostKeys.read(file, host, port);
        } catch (IOException | RuntimeException e) {
            return "known_hosts file " + file + " cannot be read: " + e.getMessage();
        }
        if (known.isRevoked(key)) {
            return "host key of " + where + " (" + presented + ") is @revoked in " + file;
        }
        if (known.accepts(key)) {
            return null;
        }
        if (!known.knowsHost()) {
            return "unknown host " + where + ": not in " + file + " (server presented " + presented + ")";
        }
        return "host key of " + where + " does not match " + file + " (a re-keyed server or a man in the middle): "
                + "server presented " + presented
                + (known.unusableTypes().isEmpty() ? "" : "; listed key types this client cannot use: "
                        + String.join(", ", known.unusableTypes()));
    }

    /**
     * The client's host key algorithms with those of the keys known_hosts lists for the host first,
     * as OpenSSH orders them: a server with several keys then presents one the file can vouch for.
     */
    List<NamedFactory<Signature>> preferKnownKeyTypes(List<NamedFactory<Signature>> algorithms) {
        Set<String> known = knownKeyTypes();
        if (known.isEmpty()) {
            return algorithms;
        }
        List<NamedFactory<Signature>> ordered = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> a : algorithms) {
            (known.contains(KeyUtils.getCanonicalKeyType(a.getName())) ? ordered : rest).add(a);
        }
        ordered.addAll(rest);
        return ordered;
    }

    private Set<String> knownKeyTypes() {
        Path file = check.knownHosts();
        if (file == null || !Files.isRegularFile(file)) {
            return Set.of();
        }
        try {
            return KnownHostKeys.read(file, host, port).keyTypes();
        } catch (IOException | RuntimeException e) {
            return Set.of(); // the verification that follows reads it again and says why it failed
        }
    }
}
