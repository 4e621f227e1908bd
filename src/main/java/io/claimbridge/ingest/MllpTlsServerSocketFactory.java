package io.claimbridge.ingest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a listener's TLS server socket with plain JSSE: the server key and certificate come from a
 * key store (PKCS12; JKS is recognised too), and for client certificates the trusted certificates
 * (or their CA) from a trust store. Everything is loaded and checked when the listener starts, so a
 * missing file, a wrong password or an unknown protocol stops start-up with the reason instead of
 * failing every connection later. Passwords never appear in a message.
 */
final class MllpTlsServerSocketFactory {
    private static final Logger log = LoggerFactory.getLogger(MllpTlsServerSocketFactory.class);
    private final SSLContext context;
    private final MllpClientAuth clientAuth;
    private final String[] protocols;

    MllpTlsServerSocketFactory(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                               MllpClientAuth clientAuth, List<String> protocols) {
        if (keyStore == null) {
            throw new IllegalArgumentException("tls=true needs keyStore (the server key and certificate, PKCS12)");
        }
        if (keyStorePassword == null) {
            throw new IllegalArgumentException("tls=true needs keyStorePassword");
        }
        if (clientAuth != MllpClientAuth.NONE && trustStore == null) {
            // without it the JDK's public CAs would vouch for client certificates: never what a listener means
            throw new IllegalArgumentException("clientAuth=" + clientAuth.name().toLowerCase(Locale.ROOT) + " needs trustStore");
        }
        this.clientAuth = clientAuth;
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] keyPassword = chars(keyStorePassword);
            keys.init(load("keyStore", keyStore, keyPassword, true), keyPassword);
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load("trustStore", trustStore, chars(trustStorePassword), false));
            }
            context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
        }
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
        for (String p : protocols) {
            if (!supported.contains(p)) {
                throw new IllegalArgumentException("tlsProtocols: " + p + " is not one of " + supported);
            }
        }
        this.protocols = protocols.toArray(String[]::new);
    }

    /** An unbound server socket whose accepted connections must complete this TLS handshake first. */
    ServerSocket create() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setEnabledProtocols(protocols);
        switch (clientAuth) {
            case NEED -> socket.setNeedClientAuth(true);
            case WANT -> socket.setWantClientAuth(true);
            case NONE -> socket.setNeedClientAuth(false);
        }
        return socket;
    }

    private static KeyStore load(String option, Path file, char[] password, boolean needsKey) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file.toAbsolutePath() + " is not a file");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load " + option + " " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        try {
            boolean found = false;
            for (String alias : Collections.list(store.aliases())) {
                found |= needsKey ? store.isKeyEntry(alias) : store.getCertificate(alias) != null;
                if (needsKey && store.getCertificate(alias) instanceof X509Certificate cert) {
                    warnIfNotValidNow(file, cert);
                }
            }
            if (!found) {
                throw new IllegalArgumentException(option + " " + file.toAbsolutePath()
                        + (needsKey ? " holds no private key" : " holds no certificate (is trustStorePassword set?)"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + option + " " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return store;
    }

    /** Not fatal (the other listeners should still come up), but every TLS client will refuse it. */
    private static void warnIfNotValidNow(Path file, X509Certificate cert) {
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            log.warn("keyStore {}: server certificate {} is valid only from {} to {}: clients will refuse it",
                    file.toAbsolutePath(), cert.getSubjectX500Principal().getName(), cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant());
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
