package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * What an OpenSSH known_hosts file says about one host and port. Lines match as in OpenSSH: host
 * patterns, {@code [host]:port} for a port other than 22, hashed names ({@code |1|...}).
 *
 * <p>Every line for the host counts, not only the first: {@code ssh-keyscan} writes one line per
 * key type, and the server presents just one of them. {@code @cert-authority} lines are skipped
 * (host certificates are not checked), so they never vouch for a key.
 *
 * @param accepted      keys that may answer for the host
 * @param revoked       keys marked {@code @revoked}: refused even if listed elsewhere
 * @param unusableTypes key types listed for the host that this SSH client cannot read (a type MINA has
 *                      no decoder or provider for): named in refusals, so a file holding only those is
 *                      not mistaken for a changed key
 */
record KnownHostKeys(List<PublicKey> accepted, List<PublicKey> revoked, Set<String> unusableTypes) {

    private static final String REVOKED = "revoked";
    private static final String CERT_AUTHORITY = "cert-authority";

    static KnownHostKeys read(Path file, String host, int port) throws IOException {
        List<PublicKey> accepted = new ArrayList<>();
        List<PublicKey> revoked = new ArrayList<>();
        Set<String> unusable = new TreeSet<>();
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
            if (!entry.isHostMatch(host, port) || CERT_AUTHORITY.equals(entry.getMarker())) {
                continue;
            }
            PublicKey key;
            try {
                key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            } catch (GeneralSecurityException e) {
                key = null;
            }
            if (key == null) {
                unusable.add(entry.getKeyEntry().getKeyType());
            } else if (REVOKED.equals(entry.getMarker())) {
                revoked.add(key);
            } else {
                accepted.add(key);
            }
        }
        return new KnownHostKeys(List.copyOf(accepted), List.copyOf(revoked), Set.copyOf(unusable));
    }

    /** Whether any line names the host at all (else it is an unknown host, not a changed key). */
    boolean knowsHost() {
        return !accepted.isEmpty() || !revoked.isEmpty() || !unusableTypes.isEmpty();
    }

    boolean isRevoked(PublicKey key) {
        return revoked.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
    }

    boolean accepts(PublicKey key) {
        return !isRevoked(key) && accepted.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
    }

    /** The key types ({@code ssh-rsa}, {@code ecdsa-sha2-nistp256}...) of the accepted keys. */
    Set<String> keyTypes() {
        Set<String> types = new TreeSet<>();
        accepted.forEach(k -> types.add(KeyUtils.getKeyType(k)));
        return types;
    }
}
