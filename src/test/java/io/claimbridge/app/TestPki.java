package io.claimbridge.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway PKI for the TLS listener tests: self-signed identities for the server, for a client the
 * mutual-TLS listener trusts and for an impostor it does not, made with the JDK's own keytool. Made
 * once per test JVM into a temp dir, not a per-test @TempDir, because the shared Spring context
 * starts the TLS listeners (and so reads these files) before any test method runs.
 */
public final class TestPki {
    /** Has characters that would break an unprotected URI option: route files must pass it RAW(...). */
    public static final String PASSWORD = "s3cret+&%pw";
    private static TestPki instance;

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = create(Files.createTempDirectory("claimbridge-tls"));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the test key stores", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The listener's key and certificate (CN=localhost, SAN 127.0.0.1). */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    /** What the mutual-TLS listener trusts: the client's certificate only. */
    public Path serverTrustStore() {
        return dir.resolve("server-trust.p12");
    }

    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    /** An impostor: a self-signed certificate with the trusted client's name but its own key. */
    public Path strangerKeyStore() {
        return dir.resolve("stranger.p12");
    }

    /** A client context that trusts the listener's certificate and presents clientKeyStore when given. */
    public SSLContext clientContext(Path clientKeyStore) throws GeneralSecurityException, IOException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(dir.resolve("client-trust.p12").toFile(), PASSWORD.toCharArray()));
        KeyManagerFactory keys = null;
        if (clientKeyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(clientKeyStore.toFile(), PASSWORD.toCharArray()), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A connected TLS socket to 127.0.0.1:port that also checks the server certificate names that address. */
    public SSLSocket connect(int port, Path clientKeyStore) throws GeneralSecurityException, IOException {
        SSLSocket socket = (SSLSocket) clientContext(clientKeyStore).getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        return socket;
    }

    private static TestPki create(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        // three keytool runs side by side: each is a JVM start, and the context waits for them
        List<Process> runs = new ArrayList<>();
        runs.add(genkeypair(dir.resolve("server.p12"), "CN=localhost", "san=dns:localhost,ip:127.0.0.1"));
        runs.add(genkeypair(dir.resolve("client.p12"), "CN=test-ehr", null));
        // same name as the trusted client, different key: only the certificate check can tell them apart
        runs.add(genkeypair(dir.resolve("stranger.p12"), "CN=test-ehr", null));
        for (Process p : runs) {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
            }
        }
        TestPki pki = new TestPki(dir);
        trustStore(dir.resolve("server-trust.p12"), pki.clientKeyStore());
        trustStore(dir.resolve("client-trust.p12"), pki.serverKeyStore());
        return pki;
    }

    private static Process genkeypair(Path file, String dname, String extension) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-noprompt", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-alias", "identity", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-validity", "2"));
        if (extension != null) {
            cmd.addAll(List.of("-ext", extension));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** A PKCS12 trust store holding the certificate of the identity in {@code from}. */
    private static void trustStore(Path file, Path from) throws IOException, GeneralSecurityException {
        KeyStore identity = KeyStore.getInstance(from.toFile(), PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", identity.getCertificate("identity"));
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }
}
