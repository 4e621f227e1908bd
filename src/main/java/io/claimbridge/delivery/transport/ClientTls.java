package io.claimbridge.delivery.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.claimbridge.delivery.routing.Transport;

/** The TLS context for mutual-TLS destinations: client certificate from the configured key store. */
final class ClientTls {
    private ClientTls() {
    }

    static SSLContext context(Transport.Auth.ClientCertificate cert) {
        try (InputStream in = Files.newInputStream(cert.keyStore())) {
            KeyStore ks = KeyStore.getInstance(cert.type());
            char[] password = cert.password().toCharArray();
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            // Start-up error: the destination cannot work until its key store is fixed.
            throw new IllegalStateException("client certificate key store " + cert.keyStore() + " unusable: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
