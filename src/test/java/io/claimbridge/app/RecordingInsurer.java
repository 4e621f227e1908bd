package io.claimbridge.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A small insurer FHIR server (HAPI {@link RestfulServer}) for delivery tests: accepts transaction
 * Bundles with conditional creates (ifNoneExist on identifier), searches Claims by identifier,
 * records every Claim it created, and can answer 503 for its next N transactions.
 */
public class RecordingInsurer extends RestfulServer {
    public static final String TOKEN = "insurer-test-token";

    private final Map<String, Resource> stored = new ConcurrentHashMap<>();
    private final List<Claim> createdClaims = new CopyOnWriteArrayList<>();
    /** Where this insurer's claim control numbers (ICN) are issued from. */
    public static final String PAYER_CLAIM_NUMBER_SYSTEM = "http://test-insurer.example/claim-number";
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger unavailableFor = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger refuse = new AtomicInteger();
    private volatile CountDownLatch arrived;
    private volatile CountDownLatch release;

    public RecordingInsurer() {
        super(FhirContext.forR4Cached());
        registerProvider(new ClaimProvider());
        registerProvider(new TransactionProvider());
    }

    /** The next N transactions are refused with 422 and an OperationOutcome (the payload is wrong). */
    public void refuseNext(int transactions) {
        refuse.set(transactions);
    }

    public void unavailableForNext(int transactions) {
        unavailableFor.set(transactions);
    }

    /**
     * The next transaction is stored, then its answer is held until {@code release}: the claim has
     * arrived but the sender has no confirmation yet (what a crash at the wrong moment looks like).
     */
    public void holdNextAnswer(CountDownLatch arrived, CountDownLatch release) {
        this.release = release;
        this.arrived = arrived;
    }

    public List<Claim> createdClaims() {
        return createdClaims;
    }

    public int transactions() {
        return transactions.get();
    }

    public Resource stored(String typeAndId) {
        return stored.get(typeAndId);
    }

    private static void authorize(RequestDetails request) {
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            throw new AuthenticationException("bearer token required");
        }
    }

    private Resource findByIdentifier(String type, String system, String value) {
        for (Resource r : stored.values()) {
            if (r.fhirType().equals(type) && identifiers(r).stream()
                    .anyMatch(i -> system.equals(i.getSystem()) && value.equals(i.getValue()))) {
                return r;
            }
        }
        return null;
    }

    private static List<Identifier> identifiers(Resource r) {
        List<Identifier> out = new ArrayList<>();
        r.listChildrenByName("identifier").forEach(b -> out.add((Identifier) b));
        return out;
    }

    public class TransactionProvider {
        @Transaction
        public Bundle transaction(@TransactionParam Bundle in, RequestDetails request) {
            authorize(request);
            transactions.incrementAndGet();
            if (unavailableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new UnclassifiedServerFailureException(503, "insurer temporarily unavailable");
            }
            if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new UnprocessableEntityException("claim refused by the insurer's rules");
            }
            synchronized (RecordingInsurer.this) {
                Map<String, String> assigned = new java.util.HashMap<>();
                Bundle out = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
                List<Resource> created = new ArrayList<>();
                for (Bundle.BundleEntryComponent e : in.getEntry()) {
                    Resource r = e.getResource();
                    String type = r.fhirType();
                    Resource existing = null;
                    String ifNoneExist = e.getRequest().getIfNoneExist();
                    if (ifNoneExist != null && ifNoneExist.startsWith("identifier=")) {
                        String[] sv = ifNoneExist.substring("identifier=".length()).split("\\|", 2);
                        existing = findByIdentifier(type, sv[0], sv[1]);
                    }
                    String location;
                    if (existing != null) {
                        location = type + "/" + existing.getIdElement().getIdPart();
                        out.addEntry().getResponse().setStatus("200 OK").setLocation(location);
                    } else {
                        Resource copy = r.copy();
                        String id = Long.toString(ids.incrementAndGet());
                        copy.setId(new IdType(type, id));
                        location = type + "/" + id;
                        created.add(copy);
                        out.addEntry().getResponse().setStatus("201 Created").setLocation(location + "/_history/1");
                    }
                    assigned.put(e.getFullUrl(), location);
                }
                for (Resource r : created) {
                    // Resolve the urn:uuid references the way a real server would; an unknown one is an error.
                    for (var ref : getFhirContext().newTerser().getAllResourceReferences(r)) {
                        String target = ref.getResourceReference().getReferenceElement().getValue();
                        if (target != null && target.startsWith("urn:")) {
                            String resolved = assigned.get(target);
                            if (resolved == null) {
                                throw new InvalidRequestException("unresolvable reference " + target);
                            }
                            ((Reference) ref.getResourceReference()).setReference(resolved);
                        }
                    }
                    stored.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
                    if (r instanceof Claim c) {
                        createdClaims.add(c);
                    }
                }
                CountDownLatch a = arrived;
                if (a != null) {
                    arrived = null;
                    a.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return out;
            }
        }
    }

    public class ClaimProvider implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Claim.class;
        }

        @Read
        public Claim read(@IdParam IdType id, RequestDetails request) {
            authorize(request);
            Resource r = stored.get("Claim/" + id.getIdPart());
            if (r == null) {
                throw new ResourceNotFoundException(id);
            }
            return (Claim) r;
        }

        /** Claim/$submit: adjudicates on the spot (a ClaimResponse, outcome complete); once per claim id. */
        @Operation(name = "$submit")
        public ClaimResponse submit(@OperationParam(name = "resource") Bundle payload, RequestDetails request) {
            authorize(request);
            Claim claim = payload.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Claim.class::isInstance).map(Claim.class::cast).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("no Claim in the Bundle"));
            synchronized (RecordingInsurer.this) {
                Identifier id = claim.getIdentifierFirstRep();
                Resource existing = findByIdentifier("Claim", id.getSystem(), id.getValue());
                String claimRef;
                if (existing == null) {
                    Claim copy = claim.copy();
                    copy.setId(new IdType("Claim", Long.toString(ids.incrementAndGet())));
                    stored.put("Claim/" + copy.getIdElement().getIdPart(), copy);
                    createdClaims.add(copy);
                    claimRef = "Claim/" + copy.getIdElement().getIdPart();
                } else {
                    claimRef = "Claim/" + existing.getIdElement().getIdPart();
                }
                ClaimResponse response = new ClaimResponse();
                response.setId(new IdType("ClaimResponse", Long.toString(ids.incrementAndGet())));
                response.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE);
                response.setRequest(new Reference(claimRef));
                // the insurer's own claim control number first, then the echo of ours
                response.addIdentifier(new Identifier().setSystem(PAYER_CLAIM_NUMBER_SYSTEM)
                        .setValue("ICN-" + claimRef.substring("Claim/".length())));
                response.addIdentifier(id.copy());
                return response;
            }
        }

        @Search
        public List<Claim> byIdentifier(@RequiredParam(name = Claim.SP_IDENTIFIER) TokenParam identifier,
                                        RequestDetails request) {
            authorize(request);
            Resource r = findByIdentifier("Claim", identifier.getSystem(), identifier.getValue());
            return r == null ? List.of() : List.of((Claim) r);
        }
    }
}
