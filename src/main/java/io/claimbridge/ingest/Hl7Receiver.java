package io.claimbridge.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import ca.uhn.hl7v2.HL7Exception;
import io.claimbridge.ingest.Hl7Rejection.PartialHeader;
import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.NewMessage;
import io.claimbridge.store.StoreResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward for one inbound HL7 v2 message: read MSH, decide accept or reject, write it
 * durably, and only then build the ACK. Transport-free: MLLP and the file inbox both call it.
 */
public class Hl7Receiver {
    private static final Logger log = LoggerFactory.getLogger(Hl7Receiver.class);

    private final GroupCommitWriter writer;
    private final LongConsumer onStored;
    private final Duration storeTimeout;
    private final String ackIdPrefix = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
    private final AtomicLong ackCounter = new AtomicLong();

    public Hl7Receiver(GroupCommitWriter writer, LongConsumer onStored, Duration storeTimeout) {
        this.writer = writer;
        this.onStored = onStored;
        this.storeTimeout = storeTimeout;
    }

    /** What was answered: the ACK bytes (null when enhanced mode says not to send one) and the stored id. */
    public record Reply(byte[] ack, AckCode code, Long messageId, boolean resend, List<Hl7Error> errors,
                        String controlId) {
    }

    /** AR for a message over the size limit; {@code prefix} is as much of it as was kept (MSH at least). */
    public Reply rejectOversize(byte[] prefix, long totalBytes, ListenerSettings listener) {
        PartialHeader partial = partialHeaderOf(prefix);
        Hl7Error e = Hl7Error.general(ErrorCode.APPLICATION_INTERNAL_ERROR,
                "Message of " + totalBytes + " bytes exceeds the limit of " + listener.maxMessageBytes());
        log.warn("listener {} rejected oversize message controlId={} bytes={}", listener.sender(),
                logSafe(partial.controlId()), totalBytes);
        return reply(partial, StandardCharsets.ISO_8859_1, AckCode.AR, List.of(e), null, false);
    }

    public Reply receive(byte[] raw, ListenerSettings listener, String source) {
        Instant receivedAt = Instant.now();
        if (raw.length > listener.maxMessageBytes()) {
            return rejectOversize(raw, raw.length, listener);
        }
        Hl7Header header;
        try {
            header = Hl7HeaderReader.read(raw);
        } catch (Hl7Rejection r) {
            log.warn("listener {} rejected message controlId={}: {}", listener.sender(),
                    logSafe(r.partial().controlId()), r.error().text());
            return reply(r.partial(), StandardCharsets.ISO_8859_1, AckCode.AR, List.of(r.error()), null, false);
        }
        PartialHeader partial = PartialHeader.of(header);
        Hl7Error typeError = listener.checkType(header.messageType(), header.triggerEvent());
        if (typeError != null) {
            log.warn("listener {} rejected controlId={}: {}", listener.sender(), logSafe(header.controlId()),
                    typeError.text());
            return reply(partial, header.charset(), AckCode.AR, List.of(typeError), null, false);
        }
        MessageStatus status = MessageStatus.RECEIVED;
        Hl7Error contentError = null;
        if (listener.ackMode() == AckMode.VALIDATE) {
            try {
                TolerantHl7Parser.parseValidating(header.text());
            } catch (HL7Exception e) {
                contentError = TolerantHl7Parser.toError(e);
                status = MessageStatus.ERROR;
            }
        }
        NewMessage m = new NewMessage(source, listener.sender(), header.sendingApplication(),
                header.sendingFacility(), header.controlId(), header.messageType(), header.triggerEvent(),
                header.version(), raw, sha256(raw), receivedAt, status,
                contentError == null ? null : contentError.text());
        StoreResult stored;
        try {
            stored = writer.submit(m).get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return storeFailed(partial, header, listener);
        } catch (ExecutionException | TimeoutException e) {
            return storeFailed(partial, header, listener);
        }
        if (!stored.resend() && status == MessageStatus.RECEIVED) {
            onStored.accept(stored.id());
        }
        if (contentError != null) {
            return reply(partial, header.charset(), AckCode.AE, List.of(contentError), stored.id(), stored.resend());
        }
        return reply(partial, header.charset(), AckCode.AA, List.of(), stored.id(), stored.resend());
    }

    private Reply storeFailed(PartialHeader partial, Hl7Header header, ListenerSettings listener) {
        log.error("listener {} could not store controlId={}", listener.sender(), logSafe(header.controlId()));
        Hl7Error e = Hl7Error.general(ErrorCode.APPLICATION_INTERNAL_ERROR,
                "Message store unavailable; message not accepted, send again later");
        return reply(partial, header.charset(), AckCode.AE, List.of(e), null, false);
    }

    private Reply reply(PartialHeader h, Charset charset, AckCode code, List<Hl7Error> errors, Long id,
                        boolean resend) {
        AckCode sent = code;
        if (h.acceptAckType() != null && !h.acceptAckType().isEmpty()) {
            sent = code.commit();
            if (!enhancedAckWanted(h.acceptAckType(), sent)) {
                return new Reply(null, sent, id, resend, errors, h.controlId());
            }
        }
        String ack = AckBuilder.build(h, sent, errors, nextAckId(), AckBuilder.now());
        return new Reply(ack.getBytes(charset), sent, id, resend, errors, h.controlId());
    }

    /** MSH-15: AL always, NE never, ER only on error, SU only on success. Unknown values: always. */
    private static boolean enhancedAckWanted(String acceptAckType, AckCode code) {
        return switch (acceptAckType) {
            case "NE" -> false;
            case "ER" -> !code.accepted();
            case "SU" -> code.accepted();
            default -> true;
        };
    }

    private String nextAckId() {
        return ackIdPrefix + ackCounter.incrementAndGet();
    }

    /** For a message too big to read whole: try MSH alone so the AR can still echo MSH-10. */
    private static PartialHeader partialHeaderOf(byte[] raw) {
        int end = 0;
        while (end < raw.length && end < 4096 && raw[end] != '\r' && raw[end] != '\n') {
            end++;
        }
        byte[] msh = java.util.Arrays.copyOf(raw, end);
        try {
            return PartialHeader.of(Hl7HeaderReader.read(msh));
        } catch (Hl7Rejection r) {
            return r.partial();
        }
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Control ids are logged (they are not PHI) but only their safe characters. */
    static String logSafe(String controlId) {
        if (controlId == null) {
            return "";
        }
        String s = controlId.length() > 40 ? controlId.substring(0, 40) : controlId;
        return s.replaceAll("[^A-Za-z0-9._-]", "?");
    }
}
