package io.claimbridge.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts MLLP connections and serves each on its own thread: read a frame, run it through the
 * route, write the ACK the route produced. Framing errors are logged with byte counts only
 * (never content) and never end the listener; other connections are unaffected. On a TLS listener
 * each connection first completes its handshake; a failed one is logged with the peer address and
 * the reason, and closes only that connection.
 */
public class MllpListenerConsumer extends DefaultConsumer {
    private static final Logger log = LoggerFactory.getLogger(MllpListenerConsumer.class);
    /** Exchange property holding the ACK bytes to send back (set by the ingest step). */
    public static final String ACK_PROPERTY = "ClaimbridgeAck";
    /** Header set when a frame was over the size limit: its real length in bytes. */
    public static final String OVERSIZE_HEADER = "ClaimbridgeMllpOversizeBytes";
    public static final String REMOTE_HEADER = "ClaimbridgeMllpRemote";
    private static final int POLL_MILLIS = 1000;

    private final MllpListenerEndpoint endpoint;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private volatile ServerSocket serverSocket;
    private ExecutorService pool;
    private Thread acceptor;

    public MllpListenerConsumer(MllpListenerEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    public boolean isTls() {
        return endpoint.isTls();
    }

    /** Bound and accepting: what the health check asks. */
    public boolean isListening() {
        ServerSocket s = serverSocket;
        return isStarted() && s != null && s.isBound() && !s.isClosed();
    }

    public int getPort() {
        return endpoint.getPort();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        MllpTlsServerSocketFactory tls = endpoint.tlsServerSocketFactory();
        ServerSocket s = tls == null ? new ServerSocket() : tls.create();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 128);
        serverSocket = s;
        pool = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newCachedThreadPool(this, "mllp-" + endpoint.getPort());
        acceptor = new Thread(this::acceptLoop, "mllp-accept-" + endpoint.getPort());
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("MLLP listener on {}:{}{}", endpoint.getHost(), endpoint.getPort(),
                tls == null ? "" : " (TLS, client certificates: " + endpoint.getClientAuth().name().toLowerCase(Locale.ROOT) + ")");
    }

    private void acceptLoop() {
        ServerSocket s = serverSocket;
        while (isRunAllowed() && !s.isClosed()) {
            try {
                Socket socket = s.accept();
                if (active.get() >= endpoint.getMaxConnections()) {
                    log.warn("MLLP listener {}: connection refused, {} connections already open",
                            endpoint.getPort(), active.get());
                    socket.close();
                    continue;
                }
                active.incrementAndGet();
                connections.add(socket);
                pool.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!s.isClosed()) {
                    log.warn("MLLP listener {}: accept failed: {}", endpoint.getPort(), e.getMessage());
                }
            } catch (RuntimeException e) {
                log.error("MLLP listener {}: accept loop error", endpoint.getPort(), e);
            }
        }
    }

    private void serve(Socket socket) {
        String remote = String.valueOf(socket.getRemoteSocketAddress());
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            if (socket instanceof SSLSocket tls && !handshake(tls, remote)) {
                return;
            }
            socket.setSoTimeout(POLL_MILLIS);
            MllpFrameReader reader = new MllpFrameReader(socket.getInputStream(), endpoint.getMaxMessageBytes(),
                    endpoint.getFrameTimeoutMillis());
            OutputStream out = socket.getOutputStream();
            while (isRunAllowed() && !socket.isClosed()) {
                MllpFrameReader.Frame frame;
                try {
                    frame = reader.next();
                } catch (MllpFrameReader.FrameTimeoutException e) {
                    log.warn("MLLP listener {}: framing error from {}: incomplete frame of {} bytes dropped",
                            endpoint.getPort(), remote, e.droppedBytes());
                    return; // the stream position is unknown: close, the sender reconnects and resends
                }
                if (frame == null) {
                    return;
                }
                if (frame.skippedBefore() > 0) {
                    log.warn("MLLP listener {}: framing error from {}: {} bytes outside a frame ignored",
                            endpoint.getPort(), remote, frame.skippedBefore());
                }
                if (frame.droppedUnterminated() > 0) {
                    log.warn("MLLP listener {}: framing error from {}: unterminated frame of {} bytes dropped",
                            endpoint.getPort(), remote, frame.droppedUnterminated());
                }
                byte[] ack = process(frame, remote);
                if (ack != null) {
                    byte[] framed = new byte[ack.length + 3];
                    framed[0] = MllpFrameReader.VT;
                    System.arraycopy(ack, 0, framed, 1, ack.length);
                    framed[ack.length + 1] = MllpFrameReader.FS;
                    framed[ack.length + 2] = MllpFrameReader.CR;
                    out.write(framed);
                    out.flush();
                }
            }
        } catch (SocketException e) {
            log.debug("MLLP connection {} closed: {}", remote, e.getMessage());
        } catch (IOException e) {
            log.warn("MLLP listener {}: connection {} failed: {}", endpoint.getPort(), remote, e.getMessage());
        } catch (RuntimeException e) {
            log.error("MLLP listener {}: connection {} ended by an unexpected error", endpoint.getPort(), remote, e);
        } finally {
            connections.remove(socket);
            active.decrementAndGet();
        }
    }

    /**
     * Completes the TLS handshake on this connection's own thread (a slow peer never holds up
     * accept), within the frame timeout so a peer that never speaks TLS cannot keep its slot.
     * The log names the peer and the JSSE reason only: no bytes it sent.
     */
    private boolean handshake(SSLSocket socket, String remote) throws SocketException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, endpoint.getFrameTimeoutMillis()));
        try {
            socket.startHandshake();
            return true;
        } catch (SocketTimeoutException e) {
            log.warn("MLLP listener {}: TLS handshake with {} failed: not completed within {} ms", endpoint.getPort(),
                    remote, endpoint.getFrameTimeoutMillis());
        } catch (IOException e) {
            log.warn("MLLP listener {}: TLS handshake with {} failed: {}", endpoint.getPort(), remote,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return false;
    }

    /** Runs one frame through the route; null when the route produced no ACK (or failed). */
    private byte[] process(MllpFrameReader.Frame frame, String remote) {
        Exchange exchange = createExchange(false);
        try {
            exchange.setPattern(ExchangePattern.InOut);
            exchange.getIn().setBody(frame.payload());
            exchange.getIn().setHeader(REMOTE_HEADER, remote);
            if (frame.oversize()) {
                exchange.getIn().setHeader(OVERSIZE_HEADER, frame.totalBytes());
            }
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                // no content in the log: the exception type says enough, the message store has the rest
                log.error("MLLP listener {}: route failed for a frame from {}: {}", endpoint.getPort(), remote,
                        exchange.getException().getClass().getName());
                return null;
            }
            return exchange.getProperty(ACK_PROPERTY, byte[].class);
        } catch (Exception e) {
            log.error("MLLP listener {}: route failed for a frame from {}: {}", endpoint.getPort(), remote,
                    e.getClass().getName());
            return null;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServerSocket s = serverSocket;
        if (s != null) {
            s.close();
        }
        for (Socket c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (pool != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(pool, 5000);
        }
        super.doStop();
    }
}
