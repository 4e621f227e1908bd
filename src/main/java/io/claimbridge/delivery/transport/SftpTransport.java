package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.routing.Transport;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Uploads interchanges over SFTP (Apache MINA SSHD client), password or key authentication. The
 * file is written under a temporary name and renamed when complete, so the clearinghouse never
 * picks up a partial upload and {@link #holds} can trust a file under the final name.
 *
 * <p>The server's host key is checked before login ({@link HostKeyVerifier}); a refused key fails
 * the delivery as {@link DeliveryFailure.HostKeyRejected}, and nothing is sent.
 *
 * <p>One SSH session per operation: deliveries are batched, so connections are few, and a
 * dropped connection never poisons the next attempt.
 */
public final class SftpTransport implements InterchangeTransport, AutoCloseable {
    private final Transport.Sftp config;
    private final Duration timeout;
    private final SshClient client;
    /** Null only with {@code hostKeyCheck: off}. */
    private final HostKeyVerifier hostKeys;
    private final List<NamedFactory<Signature>> hostKeyAlgorithms;

    public SftpTransport(Transport.Sftp config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        this.client = SshClient.setUpDefaultClient();
        if (config.hostKeyCheck() instanceof Transport.HostKeyCheck.Verify v) {
            hostKeys = new HostKeyVerifier(config.host(), config.port(), v);
            client.setServerKeyVerifier(hostKeys);
        } else {
            hostKeys = null;
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        }
        hostKeyAlgorithms = List.copyOf(client.getSignatureFactories());
        client.start();
    }

    @Override
    public boolean holds(String batchKey) throws TransportException {
        return withSftp(sftp -> {
            try {
                sftp.stat(remote(batchKey));
                return true;
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return false;
                }
                throw e;
            }
        }, batchKey);
    }

    @Override
    public void send(String batchKey, byte[] interchange) throws TransportException {
        withSftp(sftp -> {
            String temp = remote("." + batchKey + ".part");
            try (OutputStream out = sftp.write(temp)) {
                out.write(interchange);
            }
            sftp.rename(temp, remote(batchKey));
            return null;
        }, batchKey);
    }

    private String remote(String name) {
        String dir = config.directory();
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private interface SftpWork<T> {
        T run(SftpClient sftp) throws IOException;
    }

    private <T> T withSftp(SftpWork<T> work, String batchKey) throws TransportException {
        // Before connecting: a key file we cannot read is our problem, not a refused login.
        List<KeyPair> loginKeys = config.privateKey() == null ? List.of() : LoginKeys.read(config.privateKey());
        ClientSession session;
        try {
            if (hostKeys != null) {
                // Per connection, so an edited known_hosts counts; concurrent connects compute the same order.
                client.setSignatureFactories(hostKeys.preferKnownKeyTypes(hostKeyAlgorithms));
            }
            session = client.connect(config.user(), config.host(), config.port()).verify(timeout).getSession();
        } catch (IOException e) {
            throw new TransportException(classify("connecting to " + config.describe(), e), e);
        }
        try (session) {
            loginKeys.forEach(session::addPublicKeyIdentity);
            if (config.password() != null) {
                session.addPasswordIdentity(config.password());
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                DeliveryFailure f = classify(session, "login to " + config.describe(), e);
                if (f instanceof DeliveryFailure.IoError) {
                    f = new DeliveryFailure.AuthenticationFailed("login to " + config.describe() + " refused");
                }
                throw new TransportException(f, e);
            }
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                return work.run(sftp);
            }
        } catch (TransportException e) {
            throw e;
        } catch (IOException e) {
            throw new TransportException(classify(session, "sftp " + batchKey + " on " + config.describe(), e), e);
        }
    }

    /** A refused host key first: the key exchange fails before login, and MINA's error does not say why. */
    private DeliveryFailure classify(ClientSession session, String what, Throwable e) {
        if (hostKeys == null) {
            return classify(what, e);
        }
        return hostKeys.refusal(session).<DeliveryFailure>map(DeliveryFailure.HostKeyRejected::new)
                .orElseGet(() -> classify(what, e));
    }

    /** Connection problems and timeouts are worth retrying; the cause chain tells which it was. */
    private static DeliveryFailure classify(String what, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return new DeliveryFailure.ConnectionFailed(what + ": " + t.getClass().getSimpleName());
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || (t.getMessage() != null && t.getMessage().toLowerCase().contains("timeout"))) {
                return new DeliveryFailure.Timeout(what + ": timed out");
            }
        }
        return new DeliveryFailure.IoError(what + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    @Override
    public void close() {
        client.stop();
    }
}
