package io.claimbridge.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) over a temp folder, password login, for delivery tests. It
 * presents {@link #HOST_KEY} unless given others, so a route written before it starts can pin it.
 */
public final class TestSftpServer implements AutoCloseable {
    public static final String USER = "clearinghouse";
    public static final String PASSWORD = "s3cret";
    public static final KeyPair HOST_KEY = generateKey("EC", 256);

    private final SshServer server;
    private final Path root;

    public TestSftpServer(int port, Path root, SftpEventListener listener) {
        this.root = root;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(HOST_KEY));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        if (listener != null) {
            sftp.addSftpEventListener(listener);
        }
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    }

    /** Also lets {@link #USER} in with this public key (key authentication). */
    public TestSftpServer acceptKey(PublicKey key) {
        server.setPublickeyAuthenticator((user, offered, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, offered));
        return this;
    }

    /** Presents these host keys instead (the client picks one by its algorithm preference). */
    public TestSftpServer hostKeys(KeyPair... keys) {
        server.setKeyPairProvider(KeyPairProvider.wrap(keys));
        return this;
    }

    /** {@link #HOST_KEY}'s fingerprint as {@code ssh-keygen -lf} prints it, for a route's hostKeyFingerprint. */
    public static String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(HOST_KEY.getPublic());
    }

    /** A fresh key pair: "EC" 256 (fast) or "RSA" 2048. */
    public static KeyPair generateKey(String algorithm, int bits) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
            gen.initialize(bits);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh Ed25519 key pair, made by MINA's own EdDSA support (the provider the client uses too). */
    public static KeyPair generateEd25519Key() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestSftpServer start() throws IOException {
        Files.createDirectories(root.resolve("inbound"));
        server.start();
        return this;
    }

    public Path inbound() {
        return root.resolve("inbound");
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
