package io.claimbridge.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.claimbridge.app.ProcessingWorker;
import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.MessageStore;
import io.claimbridge.store.StoredMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The message store as analysts see it: list, read one (with its raw bytes), reprocess. */
@RestController
@RequestMapping("/api/messages")
public class MessageController {
    private final MessageStore store;
    private final ProcessingWorker worker;
    private final ClaimStore claims;

    public MessageController(MessageStore store, ProcessingWorker worker, ClaimStore claims) {
        this.store = store;
        this.worker = worker;
        this.claims = claims;
    }

    public record MessageSummary(long id, String source, String sender, String sendingApplication,
                                 String sendingFacility, String controlId, String messageType, String triggerEvent,
                                 String version, String status, Instant receivedAt, Instant statusAt, String error,
                                 boolean duplicateControlId, int attempts, Instant contentPrunedAt) {
        static MessageSummary of(StoredMessage m) {
            return new MessageSummary(m.id(), m.source(), m.sender(), m.sendingApp(), m.sendingFacility(),
                    m.controlId(), m.messageType(), m.triggerEvent(), m.version(), m.status().name(), m.receivedAt(),
                    m.statusAt(), m.error(), m.duplicateId(), m.attempts(), m.contentPrunedAt());
        }
    }

    /**
     * raw: the bytes as ISO-8859-1 text; rawEncoding: base64 of the exact bytes (both null once retention
     * removed the content: message.contentPrunedAt); claims: what this message released.
     */
    public record MessageDetail(MessageSummary message, String raw, String rawEncoding, List<Long> claims) {
    }

    @GetMapping
    public List<MessageSummary> list(@RequestParam(required = false) String sender,
                                     @RequestParam(required = false) String controlId,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(defaultValue = "100") int limit) {
        MessageStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = MessageStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown status: use one of "
                        + java.util.Arrays.toString(MessageStatus.values()));
            }
        }
        ListLimit.checked(limit);
        return store.list(new MessageQuery(blankToNull(sender), blankToNull(controlId), st, limit)).stream()
                .map(MessageSummary::of).toList();
    }

    @GetMapping("/{id}")
    public MessageDetail get(@PathVariable long id) {
        StoredMessage m = store.get(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no message " + id));
        // Raw bytes as ISO-8859-1 text keep every byte; base64 is there for exact binary round trips.
        byte[] raw = m.raw();
        return new MessageDetail(MessageSummary.of(m), raw == null ? null : new String(raw, StandardCharsets.ISO_8859_1),
                raw == null ? null : java.util.Base64.getEncoder().encodeToString(raw),
                claims.byMessage(id).stream().map(ClaimStore.ClaimRow::id).toList());
    }

    @PostMapping("/{id}/reprocess")
    public ResponseEntity<Map<String, Object>> reprocess(@PathVariable long id) {
        if (store.get(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no message " + id);
        }
        if (!store.requeue(id)) {
            // read again after the refused requeue: the pruner may have run in between
            Instant pruned = store.get(id).map(StoredMessage::contentPrunedAt).orElse(null);
            throw new ResponseStatusException(HttpStatus.CONFLICT, pruned != null
                    ? "message " + id + " cannot be reprocessed: content pruned at " + pruned + " by retention"
                    : "message " + id + " is already queued");
        }
        worker.wake();
        return ResponseEntity.accepted().body(Map.of("id", id, "status", MessageStatus.RECEIVED.name()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
