package io.claimbridge.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** A real SFTP server (Apache MINA SSHD) over a temp folder, password login, for delivery tests. */
public final class TestSftpServer implements AutoCloseable {
    public static final String USER = "clearinghouse";
    public static final String PASSWORD = "s3cret";

    private final SshServer server;
    private final Path root;

    public TestSftpServer(int port, Path root, SftpEventListener listener) {
        this.root = root;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolveSibling(root.getFileName() + "-hostkey.ser")));
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
