package io.claimbridge.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One MLLP listening address, its limits and its TLS settings, as written in a route file. */
public class MllpListenerEndpoint extends DefaultEndpoint {
    private final String host;
    private final int port;
    private int maxMessageBytes;
    private int maxConnections = 64;
    private long frameTimeoutMillis = 30_000;
    private boolean tls;
    private String keyStore;
    private String keyStorePassword;
    private String trustStore;
    private String trustStorePassword;
    private MllpClientAuth clientAuth = MllpClientAuth.NONE;
    private String tlsProtocols = "TLSv1.3,TLSv1.2";

    MllpListenerEndpoint(String uri, MllpListenerComponent component, String host, int port) {
        super(uri, component);
        this.host = host;
        this.port = port;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MllpListenerConsumer consumer = new MllpListenerConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(MllpListenerComponent.SCHEME + " only listens; use it in from");
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    /** Frames larger than this are read to their end but not kept; the route sees them as oversize. */
    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public long getFrameTimeoutMillis() {
        return frameTimeoutMillis;
    }

    /** How long a started frame may take to complete before it is dropped as a framing error. */
    public void setFrameTimeoutMillis(long frameTimeoutMillis) {
        this.frameTimeoutMillis = frameTimeoutMillis;
    }

    public boolean isTls() {
        return tls;
    }

    /** Accept only TLS connections (the handshake comes before any MLLP byte). */
    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public String getKeyStore() {
        return keyStore;
    }

    /** The server's private key and certificate chain: a PKCS12 file (relative to the working directory). */
    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    /** Password of the key store and of the key in it. No getter: it never leaves the endpoint. */
    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getTrustStore() {
        return trustStore;
    }

    /** Certificates (or CAs) a client certificate must chain to; needed when clientAuth is want or need. */
    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public MllpClientAuth getClientAuth() {
        return clientAuth;
    }

    /** none | want | need. */
    public void setClientAuth(String clientAuth) {
        this.clientAuth = MllpClientAuth.parse(clientAuth);
    }

    public String getTlsProtocols() {
        return tlsProtocols;
    }

    /** Comma list of enabled protocols. */
    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = tlsProtocols;
    }

    /**
     * The TLS server socket maker, or null for a plain TCP listener. TLS options without tls=true are
     * an error rather than silently ignored: whoever wrote them expects encrypted connections.
     */
    MllpTlsServerSocketFactory tlsServerSocketFactory() {
        if (!tls) {
            if (keyStore != null || trustStore != null || clientAuth != MllpClientAuth.NONE) {
                throw new IllegalArgumentException(MllpListenerComponent.SCHEME + " listener on port " + port
                        + ": keyStore/trustStore/clientAuth are set but tls is not true");
            }
            return null;
        }
        try {
            List<String> protocols = Arrays.stream(tlsProtocols.split(",")).map(String::trim)
                    .filter(p -> !p.isEmpty()).toList();
            if (protocols.isEmpty()) {
                throw new IllegalArgumentException("tlsProtocols is empty");
            }
            return new MllpTlsServerSocketFactory(keyStore == null ? null : Path.of(keyStore), keyStorePassword,
                    trustStore == null ? null : Path.of(trustStore), trustStorePassword, clientAuth, protocols);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MllpListenerComponent.SCHEME + " listener on port " + port + ": "
                    + e.getMessage(), e);
        }
    }
}
