package io.claimbridge.delivery.transport;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.routing.Transport;
import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClients;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/**
 * Sends a claim to an insurer's FHIR R4 server: a transaction Bundle of the Claim and the Patient,
 * Coverage, Organizations and Practitioners it references, every entry a conditional create
 * ({@code ifNoneExist} on its identifier, the Claim's being our claim id), so a resend can never
 * create a second Claim; or {@code Claim/$submit} when the route asks for it. {@link #find} asks
 * the server whether a claim already arrived (used before any resend).
 */
public final class FhirClaimTransport {

    /** What the insurer answered: the server's id for the Claim, a ClaimResponse if it sent one. */
    public record Submitted(String location, String claimResponseJson) {
        public boolean accepted() {
            return claimResponseJson != null;
        }
    }

    private static final List<Class<? extends Resource>> SENT_WITH_CLAIM =
            List.of(Patient.class, Coverage.class, Organization.class, Practitioner.class);

    private final Transport.Fhir config;
    private final FhirContext ctx;
    private final IGenericClient client;

    public FhirClaimTransport(Transport.Fhir config, Duration timeout) {
        this.config = config;
        // Own context: the client factory (timeouts, TLS) is per context and must not leak into others.
        this.ctx = FhirContext.forR4();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        ctx.getRestfulClientFactory().setConnectTimeout((int) timeout.toMillis());
        ctx.getRestfulClientFactory().setSocketTimeout((int) timeout.toMillis());
        if (config.auth() instanceof Transport.Auth.ClientCertificate cert) {
            int ms = (int) timeout.toMillis();
            ((ApacheRestfulClientFactory) ctx.getRestfulClientFactory()).setHttpClient(HttpClients.custom()
                    .setSSLContext(ClientTls.context(cert))
                    .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(ms).setSocketTimeout(ms)
                            .setConnectionRequestTimeout(ms).build())
                    .build());
        }
        this.client = ctx.newRestfulGenericClient(config.baseUrl().toString());
        if (config.auth() instanceof Transport.Auth.Bearer bearer) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearer.token()));
        }
    }

    /** The server's id of the Claim with our claim id, if it has one. */
    public Optional<String> find(String claimId) throws TransportException {
        try {
            Bundle found = client.search().forResource(Claim.class)
                    .where(Claim.IDENTIFIER.exactly().systemAndIdentifier(Canonical.CLAIM_ID_SYSTEM, claimId))
                    .returnBundle(Bundle.class).execute();
            return found.getEntry().stream().filter(e -> e.getResource() instanceof Claim)
                    .map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue()).findFirst();
        } catch (RuntimeException e) {
            throw new TransportException(classify("search Claim " + claimId, e), e);
        }
    }

    public Submitted submit(CodedEncounter encounter, String claimId) throws TransportException {
        try {
            return config.mode() == Transport.FhirMode.SUBMIT ? submitOperation(encounter)
                    : transaction(encounter, claimId);
        } catch (RuntimeException e) {
            throw new TransportException(classify("send Claim " + claimId, e), e);
        }
    }

    private Submitted transaction(CodedEncounter encounter, String claimId) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Map<String, Resource> included = referenced(encounter);
        Claim claim = encounter.claim().copy();
        dropDanglingReferences(claim, included);
        for (Resource r : included.values()) {
            Resource copy = r.copy();
            dropDanglingReferences(copy, included);
            Bundle.BundleEntryComponent e = tx.addEntry().setFullUrl(r.getIdElement().getValue()).setResource(copy);
            e.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType());
            Identifier id = firstIdentifier(copy);
            if (id != null) {
                e.getRequest().setIfNoneExist("identifier=" + id.getSystem() + "|" + id.getValue());
            }
        }
        Bundle.BundleEntryComponent ce = tx.addEntry().setFullUrl(encounter.claim().getIdElement().getValue())
                .setResource(claim);
        ce.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Claim")
                .setIfNoneExist("identifier=" + Canonical.CLAIM_ID_SYSTEM + "|" + claimId);
        Bundle response = client.transaction().withBundle(tx).execute();
        String location = null;
        String claimResponse = null;
        int claimIndex = tx.getEntry().size() - 1;
        for (int i = 0; i < response.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = response.getEntry().get(i);
            if (i == claimIndex && e.hasResponse()) {
                location = e.getResponse().getLocation();
            }
            if (e.getResource() instanceof ClaimResponse cr) {
                claimResponse = ctx.newJsonParser().encodeResourceToString(cr);
            }
        }
        return new Submitted(location, claimResponse);
    }

    private Submitted submitOperation(CodedEncounter encounter) {
        Bundle payload = new Bundle().setType(Bundle.BundleType.COLLECTION);
        payload.addEntry().setFullUrl(encounter.claim().getIdElement().getValue()).setResource(encounter.claim());
        for (Resource r : referenced(encounter).values()) {
            payload.addEntry().setFullUrl(r.getIdElement().getValue()).setResource(r);
        }
        Parameters in = new Parameters();
        in.addParameter().setName("resource").setResource(payload);
        Parameters out = client.operation().onType(Claim.class).named("$submit").withParameters(in).execute();
        Resource returned = out.getParameter().isEmpty() ? null : out.getParameterFirstRep().getResource();
        String json = returned instanceof ClaimResponse cr ? ctx.newJsonParser().encodeResourceToString(cr) : null;
        return new Submitted(null, json);
    }

    /** The Patient, Coverages, Organizations and Practitioners the Claim (or its Coverages) reference. */
    private Map<String, Resource> referenced(CodedEncounter encounter) {
        Map<String, Resource> byId = new LinkedHashMap<>();
        List<Resource> all = new ArrayList<>();
        all.add(encounter.patient());
        all.addAll(encounter.coverages());
        all.addAll(encounter.organizations());
        all.addAll(encounter.practitioners());
        Map<String, Resource> candidates = new LinkedHashMap<>();
        for (Resource r : all) {
            candidates.put(r.getIdElement().getValue(), r);
        }
        List<Resource> frontier = new ArrayList<>(List.of(encounter.claim()));
        while (!frontier.isEmpty()) {
            Resource next = frontier.remove(0);
            for (ResourceReferenceInfo ref : ctx.newTerser().getAllResourceReferences(next)) {
                String target = ref.getResourceReference().getReferenceElement().getValue();
                Resource r = candidates.get(target);
                if (r != null && SENT_WITH_CLAIM.contains(r.getClass()) && !byId.containsKey(target)) {
                    byId.put(target, r);
                    frontier.add(r);
                }
            }
        }
        return byId;
    }

    /** A reference to a resource not in the Bundle could not be resolved by the server: keep only its display. */
    private void dropDanglingReferences(Resource r, Map<String, Resource> included) {
        for (ResourceReferenceInfo ref : ctx.newTerser().getAllResourceReferences(r)) {
            String target = ref.getResourceReference().getReferenceElement().getValue();
            if (target != null && target.startsWith("urn:") && !included.containsKey(target)) {
                ref.getResourceReference().setReference(null);
            }
        }
    }

    private static Identifier firstIdentifier(Resource r) {
        List<Identifier> ids = List.of();
        if (r instanceof Patient p) {
            ids = p.getIdentifier();
        } else if (r instanceof Coverage c) {
            ids = c.getIdentifier();
        } else if (r instanceof Organization o) {
            ids = o.getIdentifier();
        } else if (r instanceof Practitioner p) {
            ids = p.getIdentifier();
        }
        return ids.stream().filter(i -> i.hasSystem() && i.hasValue()).findFirst().orElse(null);
    }

    /** 4xx: the insurer read it and said no; 5xx, timeouts and refused connections: try again later. */
    private static DeliveryFailure classify(String what, RuntimeException e) {
        if (e instanceof FhirClientConnectionException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    return new DeliveryFailure.Timeout(what + ": timed out");
                }
                if (t instanceof ConnectException || t instanceof NoRouteToHostException
                        || t instanceof UnknownHostException) {
                    return new DeliveryFailure.ConnectionFailed(what + ": " + t.getClass().getSimpleName());
                }
            }
            return new DeliveryFailure.IoError(what + ": connection failed");
        }
        if (e instanceof BaseServerResponseException http) {
            return new DeliveryFailure.HttpStatus(http.getStatusCode(), http.getOperationOutcome() != null, what);
        }
        return new DeliveryFailure.IoError(what + ": " + e.getClass().getSimpleName());
    }
}
