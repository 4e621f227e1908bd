package io.claimbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.claimbridge.app.AppTestSupport;
import io.claimbridge.app.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Bad FHIR input: the right 4xx with an OperationOutcome, nothing stored, and the engine keeps serving. */
@ExtendWith(OutputCaptureExtension.class)
class FhirBadInputTest extends AppTestSupport {
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String JSON = "application/fhir+json";
    static final String XML = "application/fhir+xml";

    IGenericClient client;
    long messagesBefore;

    @BeforeEach
    void setUp() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + httpPort + "/fhir");
        client.registerInterceptor(TestTokens.fhirAuth());
        client.setEncoding(EncodingEnum.JSON);
        messagesBefore = store.count();
    }

    /** After every refusal: nothing was stored, and a good request still goes through. */
    @AfterEach
    void stillServing() {
        assertThat(store.count()).isEqualTo(messagesBefore);
        String id = "ALIVE-" + System.nanoTime();
        assertThat(client.create().resource(FhirSamples.encounter(id, "Patient/1")).execute().getCreated()).isTrue();
    }

    @Test
    void encounterWithoutIdentifierSubjectPeriodIs422NamingEachElement() {
        Encounter e = FhirSamples.encounter("X", "Patient/1");
        e.getIdentifier().clear();
        e.setSubject(null);
        e.setPeriod(null);
        UnprocessableEntityException x = catchThrowableOfType(
                () -> client.create().resource(e).execute(), UnprocessableEntityException.class);

        assertThat(x.getStatusCode()).isEqualTo(422);
        assertThat(expressions((OperationOutcome) x.getOperationOutcome()))
                .containsExactly("Encounter.identifier", "Encounter.subject", "Encounter.period");
    }

    @Test
    void claimWithoutPatientProviderDiagnosisItemsIs422() {
        Claim c = FhirSamples.claim("CLM-BAD-1", "Patient/1");
        c.setPatient(null);
        c.setProvider(null);
        c.getDiagnosis().clear();
        c.getItem().clear();
        client.setEncoding(EncodingEnum.XML);
        UnprocessableEntityException x = catchThrowableOfType(
                () -> client.create().resource(c).execute(), UnprocessableEntityException.class);

        assertThat(expressions((OperationOutcome) x.getOperationOutcome()))
                .containsExactly("Claim.patient", "Claim.provider", "Claim.diagnosis", "Claim.item");
    }

    @Test
    void transactionWithOneBadEntryIsRefusedWhole() {
        Bundle tx = FhirSamples.transaction("TXBAD", BundleType.TRANSACTION);
        ((Claim) tx.getEntry().get(2).getResource()).setProvider(null);
        UnprocessableEntityException x = catchThrowableOfType(
                () -> client.transaction().withBundle(tx).execute(), UnprocessableEntityException.class);

        assertThat(expressions((OperationOutcome) x.getOperationOutcome()))
                .containsExactly("Bundle.entry[2].resource.provider");
    }

    @Test
    void unparseableJsonAndXmlAre400() throws Exception {
        assertRefused(post("/Encounter", JSON, "{\"resourceType\": \"Encounter\", \"identifier\": ["), 400);
        assertRefused(post("/Encounter", XML, "<Encounter xmlns=\"http://hl7.org/fhir\"><identifier>"), 400);
        assertRefused(post("/Claim", JSON, "not json at all"), 400);
        assertRefused(post("", JSON, "{\"resourceType\": \"Bundle\", \"type\": "), 400);
    }

    @Test
    void wrongResourceTypeForTheEndpointIs400() throws Exception {
        String claim = FHIR.newJsonParser().encodeResourceToString(FhirSamples.claim("CLM-WRONG-1", "Patient/1"));
        OperationOutcome oo = assertRefused(post("/Encounter", JSON, claim), 400);
        assertThat(expressions(oo)).containsExactly("resourceType");
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("Encounter").contains("Claim");

        String encounter = FHIR.newJsonParser().encodeResourceToString(FhirSamples.encounter("E-W", "Patient/1"));
        assertThat(post("", JSON, encounter).statusCode()).isEqualTo(400);
        Bundle collection = FhirSamples.transaction("COLL", BundleType.COLLECTION);
        assertThat(expressions(assertRefused(post("", JSON, FHIR.newJsonParser().encodeResourceToString(collection)), 400)))
                .containsExactly("Bundle.type");
    }

    @Test
    void externalEntitiesAreNeverResolved(CapturedOutput output) throws Exception {
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, "XXE-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Encounter [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Encounter xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"urn:x\"/><value value=\"&xxe;\"/>"
                + "</identifier><status value=\"finished\"/><subject><reference value=\"Patient/1\"/></subject>"
                + "<period><start value=\"2025-01-01\"/></period></Encounter>";
        HttpResponse<String> r = post("/Encounter", XML, xml);

        assertRefused(r, 400);
        assertThat(r.body()).doesNotContain("XXE-SECRET-CONTENT");
        assertThat(output.getAll()).doesNotContain("XXE-SECRET-CONTENT");
    }

    @Test
    void hapisXmlParserItselfDoesNotResolveExternalEntities() throws Exception {
        // Defence in depth behind the DOCTYPE refusal: the parser the engine uses must not expand entities either.
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, "XXE-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Encounter [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Encounter xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"urn:x\"/><value value=\"&xxe;\"/>"
                + "</identifier></Encounter>";
        try {
            Encounter e = FHIR.newXmlParser().parseResource(Encounter.class, xml);
            assertThat(FHIR.newJsonParser().encodeResourceToString(e)).doesNotContain("XXE-SECRET-CONTENT");
        } catch (ca.uhn.fhir.parser.DataFormatException refused) {
            assertThat(refused.getMessage()).doesNotContain("XXE-SECRET-CONTENT");
        }
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"resourceType\": \"Encounter\", \"text\": {\"div\": \"" + "x".repeat(FHIR_MAX_BODY_BYTES) + "\"}}";
        assertRefused(post("/Encounter", JSON, big), 413);
        // Without a Content-Length (chunked): reading stops at the limit.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(request("/Encounter", JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(chunked, 413);
    }

    @Test
    void noPatientDataInTheLogs(CapturedOutput output) throws Exception {
        Encounter e = FhirSamples.encounter("PHI-ENC-1", "Patient/1");
        e.setPeriod(null);
        e.getSubject().setDisplay("EVERYWOMAN EVE");
        catchThrowableOfType(() -> client.create().resource(e).execute(), UnprocessableEntityException.class);
        post("/Encounter", JSON, "{\"resourceType\": \"Encounter\", \"subject\": {\"display\": \"EVERYWOMAN\"}, bad");
        post("/Encounter", JSON, FHIR.newJsonParser().encodeResourceToString(FhirSamples.patient("MRN-PHI-7")));
        // an invalid primitive: HAPI's lenient parser would log the value unless told not to
        post("/Encounter", JSON, FHIR.newJsonParser().encodeResourceToString(FhirSamples.encounter("PHI-ENC-2", "Patient/1"))
                .replace("\"period\":{", "\"period\":{\"end\":\"19620320-EVERYWOMAN\","));
        // an unknown element is tolerated, but its name is the sender's text: not logged either
        HttpResponse<String> unknown = post("/Encounter", JSON, FHIR.newJsonParser().encodeResourceToString(
                FhirSamples.encounter("PHI-ENC-3", "Patient/1")).replace("{\"resourceType\":\"Encounter\",",
                "{\"resourceType\":\"Encounter\",\"EVERYWOMAN\":\"x\","));
        assertThat(unknown.statusCode()).isEqualTo(201);
        Bundle tx = FhirSamples.transaction("PHI", BundleType.TRANSACTION);
        client.transaction().withBundle(tx).execute();

        assertThat(output.getAll()).contains("FHIR request refused").doesNotContain("EVERYWOMAN")
                .doesNotContain("TESTPATIENT").doesNotContain("MRN-PHI");
        messagesBefore = store.count(); // the transaction above was accepted
    }

    @Test
    void gzipBodiesAreNotInflated() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request("/Encounter", JSON)
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("xx")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(r, 415);
    }

    @Test
    void deeplyNestedJsonAndXmlAre400NotAStackOverflow() throws Exception {
        String arrays = "{\"resourceType\": \"Encounter\", \"extension\": " + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertRefused(post("/Encounter", JSON, arrays), 400);
        String objects = "{\"resourceType\": \"Encounter\", \"x\": " + "{\"a\": ".repeat(1000) + "1" + "}".repeat(1000) + "}";
        assertRefused(post("/Encounter", JSON, objects), 400);
        String xml = "<Encounter xmlns=\"http://hl7.org/fhir\">" + "<extension>".repeat(1000) + "</extension>".repeat(1000)
                + "</Encounter>";
        assertRefused(post("/Encounter", XML, xml), 400);
    }

    @Test
    void unsupportedIfNoneExistIs400() throws Exception {
        String enc = FHIR.newJsonParser().encodeResourceToString(FhirSamples.encounter("E-INE", "Patient/1"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(request("/Encounter", JSON)
                .header("If-None-Exist", "subject=Patient/1").POST(HttpRequest.BodyPublishers.ofString(enc)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(r, 400);
    }

    private static List<String> expressions(OperationOutcome oo) {
        return oo.getIssue().stream().flatMap(i -> i.getExpression().stream()).map(e -> e.getValue()).toList();
    }

    private static OperationOutcome assertRefused(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body());
        assertThat(oo.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).isNotBlank();
        return oo;
    }

    private HttpRequest.Builder request(String path, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir" + path))
                .header("Authorization", TestTokens.bearer())
                .header("Content-Type", contentType).header("Accept", JSON);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HttpClient.newHttpClient().send(request(path, contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
