package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.routing.Transport;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads the key pair(s) an SFTP destination logs in with from its private key file (OpenSSH or PEM;
 * RSA, ECDSA, Ed25519; encrypted with the configured passphrase), on every login so a replaced key
 * counts without a restart.
 *
 * <p>Read here rather than by MINA's {@code FileKeyPairProvider}, which logs a file it cannot read
 * and logs in without it: the delivery would then say "login refused" when the cause is a wrong or
 * missing passphrase, or a key type this client cannot read, all on our side.
 */
final class LoginKeys {
    private LoginKeys() {
    }

    /** The file's key pairs; refused (ERROR, not retried: the file will not fix itself) if there are none. */
    static List<KeyPair> read(Transport.KeyFile key) throws TransportException {
        FilePasswordProvider passphrase = key.passphrase() == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(key.passphrase());
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(key.file())) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                    NamedResource.ofName(key.file().toString()), in, passphrase);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unreadable(key, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + (key.passphrase() == null ? "" : " (is privateKeyPassphrase right?)"), e);
        }
        if (pairs.isEmpty()) {
            throw unreadable(key, "no private key this client can read in it", null);
        }
        return pairs;
    }

    private static TransportException unreadable(Transport.KeyFile key, String why, Exception cause) {
        return new TransportException(new DeliveryFailure.AuthenticationFailed(
                "private key file " + key.file() + " cannot be read: " + why), cause);
    }
}
