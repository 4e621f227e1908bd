package io.claimbridge.ingest;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One MLLP listening address and its limits, as written in a route file. */
public class MllpListenerEndpoint extends DefaultEndpoint {
    private final String host;
    private final int port;
    private int maxMessageBytes;
    private int maxConnections = 64;
    private long frameTimeoutMillis = 30_000;

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
}
