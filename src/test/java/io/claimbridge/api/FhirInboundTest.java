package io.claimbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.claimbridge.app.AppTestSupport;
import io.claimbridge.app.TestTokens;
import io.claimbridge.store.FhirResourceStore;
import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.StoredMessage;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** FHIR inbound against the running engine, through HAPI's generic client. */
class FhirInboundTest extends AppTestSupport {
    static final FhirContext FHIR = FhirContext.forR4Cached();

    @Autowired
    FhirResourceStore resources;

    IGenericClient client;

    @BeforeEach
    void client() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + httpPort + "/fhir");
        client.registerInterceptor(TestTokens.fhirAuth());
    }

    private StoredMessage onlyMessage(String controlId) {
        List<StoredMessage> found = store.list(new MessageQuery("fhir", controlId, null, 10));
        assertThat(found).hasSize(1);
        return store.get(found.get(0).id()).orElseThrow();
    }

    @Test
    void createEncounterJsonIsStoredBeforeTheResponseAndReadable() {
        client.setEncoding(EncodingEnum.JSON);
        String patient = storedPatient("PJSON");
        MethodOutcome out = client.create().resource(FhirSamples.encounter("ENC-JSON-1", patient)).execute();

        assertThat(out.getCreated()).isTrue();
        assertThat(out.getId().getResourceType()).isEqualTo("Encounter");
        // Checked right after the response, without waiting: the 2xx came after the commit.
        StoredMessage m = onlyMessage(FhirSamples.SYSTEM + "|ENC-JSON-1");
        assertThat(m.source()).isEqualTo("HTTP");
        assertThat(m.messageType()).isEqualTo("FHIR");
        assertThat(m.triggerEvent()).isEqualTo("Encounter");
        assertThat(new String(m.raw(), StandardCharsets.UTF_8)).startsWith("{").contains("ENC-JSON-1");
        assertThat(resources.findByIdentifier("Encounter", FhirSamples.SYSTEM, "ENC-JSON-1"))
                .contains(out.getId().getIdPartAsLong());

        Encounter read = client.read().resource(Encounter.class).withId(out.getId().getIdPart()).execute();
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("ENC-JSON-1");
        assertThat(read.getSubject().getReference()).isEqualTo(patient);

        // normalized with the Patient stored by the earlier transaction, merged into the ledger
        await(Duration.ofSeconds(20), () -> store.get(m.id()).orElseThrow().status() == MessageStatus.PROCESSED,
                "FHIR message processed (not fed to the HL7 v2 parser)");
    }

    @Test
    void encounterPointingAtAnUnknownPatientEndsInErrorNamingTheElement() {
        client.setEncoding(EncodingEnum.JSON);
        client.create().resource(FhirSamples.encounter("ENC-NOPAT-1", "Patient/987654321")).execute();
        StoredMessage m = onlyMessage(FhirSamples.SYSTEM + "|ENC-NOPAT-1");
        await(Duration.ofSeconds(20), () -> store.get(m.id()).orElseThrow().status() == MessageStatus.ERROR, "error");
        assertThat(store.get(m.id()).orElseThrow().error()).contains("Encounter.subject");
    }

    /** A Patient created through a transaction, as an EHR would before posting encounters: its reference. */
    private String storedPatient(String suffix) {
        Bundle response = client.transaction().withBundle(FhirSamples.transaction(suffix, BundleType.TRANSACTION)).execute();
        String location = response.getEntry().get(0).getResponse().getLocation();
        return new org.hl7.fhir.r4.model.IdType(location).toUnqualifiedVersionless().getValue();
    }

    @Test
    void createClaimXml() {
        client.setEncoding(EncodingEnum.XML);
        String patient = storedPatient("PXML");
        MethodOutcome out = client.create().resource(FhirSamples.claim("CLM-XML-1", patient)).execute();

        assertThat(out.getCreated()).isTrue();
        StoredMessage m = onlyMessage(FhirSamples.SYSTEM + "|CLM-XML-1");
        assertThat(new String(m.raw(), StandardCharsets.UTF_8)).startsWith("<Claim");
        assertThat(m.triggerEvent()).isEqualTo("Claim");
        Claim read = client.read().resource(Claim.class).withId(out.getId().getIdPart()).execute();
        assertThat(read.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
                .isEqualTo("J20.9");
        await(Duration.ofSeconds(20), () -> store.get(m.id()).orElseThrow().status() == MessageStatus.PROCESSED,
                "processed");
    }

    @Test
    void rawBytesAreStoredExactlyAndLocationResolves() throws Exception {
        String body = "{ \"resourceType\": \"Encounter\",\n  \"identifier\": [{\"system\": \"" + FhirSamples.SYSTEM
                + "\", \"value\": \"ENC-RAW-1\"}], \"status\": \"finished\",\n \"class\": {\"code\": \"AMB\"},"
                + " \"subject\": {\"reference\": \"Patient/9\"}, \"period\": {\"start\": \"2025-03-12\"} }\n";
        HttpResponse<String> r = post("/Encounter", "application/fhir+json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(201);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("http://127\\.0\\.0\\.1:" + httpPort + "/fhir/Encounter/\\d+(/_history/\\d+)?");
        assertThat(onlyMessage(FhirSamples.SYSTEM + "|ENC-RAW-1").raw()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", TestTokens.bearer()).header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).contains("ENC-RAW-1");
    }

    @Test
    void conditionalCreateTwiceStoresOnceAndAnswers200WithTheExistingLocation() throws Exception {
        client.setEncoding(EncodingEnum.JSON);
        String condition = "Encounter?identifier=" + FhirSamples.SYSTEM + "|ENC-COND-1";
        MethodOutcome first = client.create().resource(FhirSamples.encounter("ENC-COND-1", "Patient/2"))
                .conditionalByUrl(condition).execute();
        MethodOutcome second = client.create().resource(FhirSamples.encounter("ENC-COND-1", "Patient/2"))
                .conditionalByUrl(condition).execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());

        // On the wire: 200 (not 201) and the existing resource's Location.
        HttpResponse<String> third = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/fhir/Encounter"))
                .header("Authorization", TestTokens.bearer()).header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "identifier=" + FhirSamples.SYSTEM + "|ENC-COND-1")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(
                        FhirSamples.encounter("ENC-COND-1", "Patient/2")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.headers().firstValue("Location").orElseThrow())
                .contains("/fhir/Encounter/" + first.getId().getIdPart());
        onlyMessage(FhirSamples.SYSTEM + "|ENC-COND-1");
    }

    @Test
    void sameIdentifierWithoutIfNoneExistIsAConflict() throws Exception {
        client.setEncoding(EncodingEnum.JSON);
        client.create().resource(FhirSamples.encounter("ENC-DUP-1", "Patient/2")).execute();
        HttpResponse<String> r = post("/Encounter", "application/fhir+json",
                FHIR.newJsonParser().encodeResourceToString(FhirSamples.encounter("ENC-DUP-1", "Patient/3"))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("Encounter.identifier").contains("If-None-Exist");
        onlyMessage(FhirSamples.SYSTEM + "|ENC-DUP-1");
    }

    @Test
    void transactionBundleWithPatientEncounterClaim() {
        client.setEncoding(EncodingEnum.JSON);
        Bundle response = client.transaction().withBundle(FhirSamples.transaction("TX1", BundleType.TRANSACTION)).execute();

        assertThat(response.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "201 Created", "201 Created");
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getLocation())
                .allMatch(l -> l.matches("(Patient|Encounter|Claim)/\\d+"));
        String patient = response.getEntry().get(0).getResponse().getLocation();

        StoredMessage m = onlyMessage(FhirSamples.SYSTEM + "|B-TX1");
        assertThat(m.triggerEvent()).isEqualTo("Bundle");
        assertThat(resources.countByMessage(m.id())).isEqualTo(3);

        // urn:uuid references now point at the ids the server assigned
        Encounter enc = client.read().resource(Encounter.class)
                .withUrl(response.getEntry().get(1).getResponse().getLocation()).execute();
        assertThat(enc.getSubject().getReference()).isEqualTo(patient);
        Claim claim = client.read().resource(Claim.class)
                .withUrl(response.getEntry().get(2).getResponse().getLocation()).execute();
        assertThat(claim.getPatient().getReference()).isEqualTo(patient);

        // The same Bundle again (XML this time): every entry matches its If-None-Exist, nothing new is stored.
        client.setEncoding(EncodingEnum.XML);
        Bundle again = client.transaction().withBundle(FhirSamples.transaction("TX1", BundleType.TRANSACTION)).execute();
        assertThat(again.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "200 OK", "200 OK");
        assertThat(again.getEntry()).extracting(e -> e.getResponse().getLocation())
                .containsExactlyElementsOf(response.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
        onlyMessage(FhirSamples.SYSTEM + "|B-TX1");
    }

    @Test
    void batchAnswersEachEntryOnItsOwn() {
        client.setEncoding(EncodingEnum.JSON);
        Bundle batch = FhirSamples.transaction("BATCH1", BundleType.BATCH);
        ((Encounter) batch.getEntry().get(1).getResource()).setPeriod(null);

        Bundle response = client.transaction().withBundle(batch).execute();

        assertThat(response.getType()).isEqualTo(BundleType.BATCHRESPONSE);
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "422 Unprocessable Entity", "201 Created");
        var outcome = (org.hl7.fhir.r4.model.OperationOutcome) response.getEntry().get(1).getResponse().getOutcome();
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[1].resource.period");
    }

    @Test
    void metadataIsACapabilityStatementListingTheEndpoints() {
        CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var rest = cs.getRestFirstRep();
        assertThat(rest.getResource()).anySatisfy(r -> {
            assertThat(r.getType()).isEqualTo("Encounter");
            assertThat(r.getInteraction()).extracting(i -> i.getCode())
                    .contains(TypeRestfulInteraction.CREATE, TypeRestfulInteraction.READ);
        });
        assertThat(rest.getResource()).extracting(r -> r.getType()).contains("Claim", "Patient");
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction");
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir" + path))
                .header("Authorization", TestTokens.bearer())
                .header("Content-Type", contentType).header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
