package io.claimbridge.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import ca.uhn.fhir.context.FhirContext;
import io.claimbridge.store.DuplicateIdentifierException;
import io.claimbridge.store.FhirResourceRow;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.NewMessage;
import io.claimbridge.store.StoreException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-then-respond for FHIR resources arriving over HTTP (the FHIR twin of {@link Hl7Receiver}):
 * check, resolve conditional creates, write the request bytes to the message store (group commit),
 * then the resources to {@code fhir_resource}; only then is a 2xx answer built. A crash between
 * the two writes leaves a stored message and no answer: the sender resends, the message store
 * recognises the identical bytes, and the resources are written then.
 */
public class FhirReceiver {
    private static final Logger log = LoggerFactory.getLogger(FhirReceiver.class);
    public static final String SOURCE = "HTTP";
    public static final String MESSAGE_TYPE = "FHIR";
    private static final String FHIR_VERSION = "4.0.1";

    private final FhirContext fhir;
    private final GroupCommitWriter writer;
    private final FhirResourceStore resources;
    private final LongConsumer onStored;
    private final Duration storeTimeout;
    private final String sender;

    public FhirReceiver(FhirContext fhir, GroupCommitWriter writer, FhirResourceStore resources,
                        LongConsumer onStored, Duration storeTimeout, String sender) {
        this.fhir = fhir;
        this.writer = writer;
        this.resources = resources;
        this.onStored = onStored;
        this.storeTimeout = storeTimeout;
        this.sender = sender;
    }

    /** POST /{type}: one resource, optionally with an If-None-Exist criterion. */
    public FhirCreateOutcome create(Resource resource, byte[] raw, String ifNoneExist) {
        try {
            return createStored(resource, raw, ifNoneExist);
        } catch (StoreException e) {
            throw storeFailure(e); // a lookup or id allocation failed: nothing answered 2xx
        }
    }

    private FhirCreateOutcome createStored(Resource resource, byte[] raw, String ifNoneExist) {
        String type = resource.fhirType();
        List<FhirIssue> issues = FhirRequirements.check(resource, type);
        if (!issues.isEmpty()) {
            throw new FhirRejection(422, issues);
        }
        IdentifierKey key = FhirRequirements.businessIdentifier(resource).orElseThrow();
        IdentifierKey condition = ifNoneExist == null || ifNoneExist.isBlank() ? null
                : IdentifierKey.parseCondition(ifNoneExist, null);
        Optional<FhirCreateOutcome> existing = existing(type, key, condition, type);
        if (existing.isPresent()) {
            return existing.get();
        }
        long messageId = storeMessage(raw, type, key.controlId());
        long id = resources.nextId();
        resource.setId(type + "/" + id);
        try {
            resources.insertAll(List.of(row(resource, id, key, messageId)));
        } catch (DuplicateIdentifierException e) {
            // A concurrent request with the same identifier won the race: answer as if it came first.
            return existing(type, key, condition, type).orElseThrow(() -> storeFailure(e));
        }
        log.info("stored {} id={} message={}", type, id, messageId);
        return new FhirCreateOutcome(type, id, true);
    }

    /**
     * A conditional match (200 with the existing resource) or, without If-None-Exist, a clash on the
     * unique business identifier (409: the sender must say whether this is a resend).
     */
    private Optional<FhirCreateOutcome> existing(String type, IdentifierKey key, IdentifierKey condition, String path) {
        if (condition != null) {
            Optional<Long> match = resources.findByIdentifier(type, condition.system(), condition.value());
            if (match.isPresent()) {
                return Optional.of(new FhirCreateOutcome(type, match.get(), false));
            }
        }
        Optional<Long> clash = key == null ? Optional.empty()
                : resources.findByIdentifier(type, key.system(), key.value());
        if (clash.isPresent()) {
            if (condition != null && condition.equals(key)) {
                return Optional.of(new FhirCreateOutcome(type, clash.get(), false));
            }
            throw new FhirRejection(409, new FhirIssue(IssueType.DUPLICATE, path + ".identifier",
                    type + "/" + clash.get() + " already has this identifier; send with If-None-Exist to resend"));
        }
        return Optional.empty();
    }

    /** One entry of a transaction/batch Bundle on its way through. */
    private static final class Entry {
        final int index;
        final BundleEntryComponent in;
        final BundleEntryComponent out = new BundleEntryComponent();
        Resource resource;
        IdentifierKey key;
        IdentifierKey condition;
        FhirRejection failure;
        boolean clash;
        Long existingId;
        long newId;

        Entry(int index, BundleEntryComponent in) {
            this.index = index;
            this.in = in;
        }

        String path() {
            return "Bundle.entry[" + index + "]";
        }

        boolean toCreate() {
            return failure == null && existingId == null;
        }
    }

    /** POST / with a transaction (all or nothing) or batch (each entry on its own) Bundle. */
    public Bundle transaction(Bundle bundle, byte[] raw) {
        try {
            return transactionStored(bundle, raw);
        } catch (StoreException e) {
            throw storeFailure(e);
        }
    }

    private Bundle transactionStored(Bundle bundle, byte[] raw) {
        BundleType type = bundle.getType();
        if (type != BundleType.TRANSACTION && type != BundleType.BATCH) {
            throw new FhirRejection(400, new FhirIssue(IssueType.INVALID, "Bundle.type",
                    "Bundle.type must be transaction or batch"));
        }
        boolean atomic = type == BundleType.TRANSACTION;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Entry e = new Entry(i, bundle.getEntry().get(i));
            entries.add(e);
            try {
                check(e);
            } catch (FhirRejection r) {
                e.failure = r;
            }
        }
        Long messageId = null;
        for (int attempt = 1; ; attempt++) {
            resolve(entries);
            if (atomic) {
                rejectTransactionIfAnyFailed(entries);
            }
            List<Entry> toCreate = entries.stream().filter(Entry::toCreate).toList();
            if (toCreate.isEmpty()) {
                break;
            }
            if (messageId == null) {
                messageId = storeMessage(raw, "Bundle", bundleControlId(bundle));
            }
            try {
                writeEntries(entries, toCreate, messageId, atomic);
                log.info("stored {} bundle message={} created={}", type.toCode(), messageId,
                        entries.stream().filter(Entry::toCreate).count());
                break;
            } catch (DuplicateIdentifierException x) {
                // A concurrent request stored one of these identifiers first: resolve again, once.
                if (attempt == 2) {
                    throw new FhirRejection(409, new FhirIssue(IssueType.CONFLICT, "Bundle",
                            "Concurrent requests stored these identifiers; send the Bundle again"));
                }
            }
        }
        return response(entries, atomic);
    }

    /** Conditional matches and identifier clashes, looked up afresh (also after losing a race). */
    private void resolve(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.failure != null && !e.clash) {
                continue; // refused on its content: nothing to look up
            }
            e.failure = null;
            e.clash = false;
            try {
                e.existingId = existing(e.resource.fhirType(), e.key, e.condition, e.path() + ".resource")
                        .map(FhirCreateOutcome::id).orElse(null);
            } catch (FhirRejection r) {
                e.failure = r;
                e.clash = true;
            }
        }
    }

    private void check(Entry e) {
        if (!e.in.hasResource()) {
            throw new FhirRejection(400, new FhirIssue(IssueType.REQUIRED, e.path() + ".resource",
                    e.path() + ".resource is required"));
        }
        if (!e.in.hasRequest() || e.in.getRequest().getMethod() != HTTPVerb.POST) {
            throw new FhirRejection(400, new FhirIssue(IssueType.NOTSUPPORTED, e.path() + ".request.method",
                    "Only POST (create) entries are accepted"));
        }
        e.resource = e.in.getResource();
        String rt = e.resource.fhirType();
        if (!FhirRequirements.supported(rt)) {
            throw new FhirRejection(400, new FhirIssue(IssueType.NOTSUPPORTED, e.path() + ".resource",
                    rt + " is not accepted; send Patient, Encounter or Claim"));
        }
        List<FhirIssue> issues = FhirRequirements.check(e.resource, e.path() + ".resource");
        if (!issues.isEmpty()) {
            throw new FhirRejection(422, issues);
        }
        e.key = FhirRequirements.businessIdentifier(e.resource).orElse(null);
        String ifNoneExist = e.in.getRequest().getIfNoneExist();
        e.condition = ifNoneExist == null || ifNoneExist.isBlank() ? null
                : IdentifierKey.parseCondition(ifNoneExist, e.path() + ".request.ifNoneExist");
    }

    /** A transaction answers with the first failure's status and every entry's issues. */
    private static void rejectTransactionIfAnyFailed(List<Entry> entries) {
        List<FhirRejection> failures = entries.stream().filter(e -> e.failure != null).map(e -> e.failure).toList();
        if (failures.isEmpty()) {
            return;
        }
        int status = failures.stream().mapToInt(FhirRejection::status).filter(s -> s == 400).findFirst()
                .orElse(failures.get(0).status());
        throw new FhirRejection(status, failures.stream().flatMap(f -> f.issues().stream()).toList());
    }

    private void writeEntries(List<Entry> entries, List<Entry> toCreate, long messageId, boolean atomic) {
        // Ids first, so references between entries (urn:uuid fullUrls) can point at them.
        Map<String, String> localRefs = new HashMap<>();
        for (Entry e : entries) {
            Long id = e.existingId;
            if (e.toCreate()) {
                e.newId = resources.nextId();
                id = e.newId;
            }
            if (id != null && e.in.hasFullUrl()) {
                localRefs.put(e.in.getFullUrl(), e.resource.fhirType() + "/" + id);
            }
        }
        List<FhirResourceRow> rows = new ArrayList<>();
        for (Entry e : toCreate) {
            // A copy, so that a retry after a lost race starts again from the sender's references.
            Resource stored = e.resource.copy();
            stored.setId(stored.fhirType() + "/" + e.newId);
            for (Reference ref : fhir.newTerser().getAllPopulatedChildElementsOfType(stored, Reference.class)) {
                String target = localRefs.get(ref.getReference());
                if (target != null) {
                    ref.setReference(target);
                }
            }
            rows.add(row(stored, e.newId, e.key, messageId));
        }
        if (atomic) {
            try {
                resources.insertAll(rows); // DuplicateIdentifierException: the caller resolves again
            } catch (StoreException x) {
                throw storeFailure(x);
            }
            return;
        }
        for (int i = 0; i < toCreate.size(); i++) {
            Entry e = toCreate.get(i);
            try {
                resources.insertAll(List.of(rows.get(i)));
            } catch (DuplicateIdentifierException x) {
                try {
                    e.existingId = existing(e.resource.fhirType(), e.key, e.condition, e.path() + ".resource")
                            .map(FhirCreateOutcome::id).orElse(null);
                } catch (FhirRejection r) {
                    e.failure = r;
                }
                if (e.existingId == null && e.failure == null) {
                    e.failure = storeFailure(x);
                }
            } catch (StoreException x) {
                e.failure = storeFailure(x);
            }
        }
    }

    private Bundle response(List<Entry> entries, boolean atomic) {
        Bundle out = new Bundle().setType(atomic ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE);
        for (Entry e : entries) {
            var response = e.out.getResponse();
            if (e.failure != null) {
                response.setStatus(e.failure.status() + " " + reason(e.failure.status()));
                response.setOutcome(e.failure.toOperationOutcome());
            } else {
                String rt = e.resource.fhirType();
                long id = e.existingId != null ? e.existingId : e.newId;
                response.setStatus(e.existingId != null ? "200 OK" : "201 Created");
                response.setLocation(rt + "/" + id);
            }
            out.addEntry(e.out);
        }
        return out;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static String bundleControlId(Bundle b) {
        if (b.hasIdentifier() && b.getIdentifier().hasSystem() && b.getIdentifier().hasValue()) {
            return IdentifierKey.of(b.getIdentifier()).controlId();
        }
        return b.hasIdElement() && b.getIdElement().hasIdPart() ? b.getIdElement().getIdPart() : null;
    }

    private FhirResourceRow row(Resource r, long id, IdentifierKey key, long messageId) {
        return new FhirResourceRow(id, r.fhirType(), key == null ? null : key.system(),
                key == null ? null : key.value(), messageId, fhir.newJsonParser().encodeResourceToString(r));
    }

    /** The exact request bytes, durable (committed) when this returns. */
    private long storeMessage(byte[] raw, String triggerEvent, String controlId) {
        NewMessage m = NewMessage.received(SOURCE, sender, null, null, controlId, MESSAGE_TYPE, triggerEvent,
                FHIR_VERSION, raw, Hl7Receiver.sha256(raw), Instant.now());
        try {
            long id = writer.submit(m).get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS).id();
            onStored.accept(id);
            return id;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeFailure(e);
        } catch (ExecutionException | TimeoutException e) {
            throw storeFailure(e);
        }
    }

    private static FhirRejection storeFailure(Exception e) {
        log.error("FHIR request not stored: {}", e.getClass().getSimpleName());
        return new FhirRejection(503, new FhirIssue(IssueType.TRANSIENT, null,
                "Message store unavailable; nothing was accepted, send again later"));
    }
}
