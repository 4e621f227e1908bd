package io.claimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimbridge.api.FhirSamples;
import io.claimbridge.app.AppTestSupport;
import io.claimbridge.app.TestTokens;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Who may call what, over real HTTP: the API with java.net.http, the FHIR endpoint with HAPI's client. */
@ExtendWith(OutputCaptureExtension.class)
class TokenAuthenticationTest extends AppTestSupport {
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLAIM_NUMBER = "{\"payerClaimNumber\":\"ICN1\"}";

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("X-Claimbridge-User", "jane");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private IGenericClient fhirClient(String token) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + httpPort + "/fhir");
        client.setEncoding(EncodingEnum.JSON);
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    @Test
    void apiWithoutTokenIs401WithBearerChallengeAndProblemJson(CapturedOutput out) throws Exception {
        HttpResponse<String> r = send("GET", "/api/messages?controlId=SECRET-CONTROL-ID", null, null);
        assertProblem(r, 401, "bearer token is required");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(send("PUT", "/api/claims/1/payer-claim-number", null, CLAIM_NUMBER), 401, "bearer token is required");
        assertProblem(send("GET", "/actuator/info", null, null), 401, "bearer token is required");
        assertThat(out.getAll()).as("the query may carry identifiers: not logged").doesNotContain("SECRET-CONTROL-ID");
    }

    @Test
    void unknownTokenIs401InvalidTokenAndNeverEchoed(CapturedOutput out) throws Exception {
        String wrong = "not-a-configured-token-4242424242";
        HttpResponse<String> r = send("GET", "/api/claims", wrong, null);
        assertProblem(r, 401, "unknown bearer token");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(r.body()).doesNotContain(wrong);
        // another scheme is no bearer token at all
        HttpResponse<String> basic = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/claims")).header("Authorization", "Basic dXNlcjpwdw==")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(out.getAll()).doesNotContain(wrong).doesNotContain(TestTokens.ALL);
    }

    @Test
    void readTokenReadsButCannotChange(CapturedOutput out) throws Exception {
        assertThat(send("GET", "/api/messages", TestTokens.READ, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/claims", TestTokens.READ, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/info", TestTokens.READ, null).statusCode()).isEqualTo(200);
        HttpResponse<String> put = send("PUT", "/api/claims/1/payer-claim-number", TestTokens.READ, CLAIM_NUMBER);
        assertProblem(put, 403, "token " + TestTokens.READ_NAME + " (roles [read]) does not allow this request");
        assertThat(put.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertProblem(send("POST", "/api/messages/1/reprocess", TestTokens.READ, null), 403, TestTokens.READ_NAME);
        assertProblem(send("POST", "/api/deliveries/1/retry", TestTokens.READ, null), 403, TestTokens.READ_NAME);
        assertThat(out.getAll()).doesNotContain(TestTokens.READ);
    }

    @Test
    void writeTokenChangesAndReads() throws Exception {
        // past the role check: the claim does not exist
        assertProblem(send("PUT", "/api/claims/" + Long.MAX_VALUE + "/payer-claim-number", TestTokens.WRITE, CLAIM_NUMBER),
                404, "no claim");
        assertThat(send("GET", "/api/workqueue", TestTokens.WRITE, null).statusCode()).as("write implies read").isEqualTo(200);
        assertThat(catchThrowableOfType(ForbiddenOperationException.class, () -> fhirClient(TestTokens.WRITE).create()
                .resource(FhirSamples.encounter("AUTH-W", "Patient/1")).execute())).as("no ingest role").isNotNull();
    }

    @Test
    void ingestTokenPostsFhirButCannotUseTheApi() throws Exception {
        assertThat(fhirClient(TestTokens.INGEST).create().resource(FhirSamples.encounter("AUTH-INGEST-1", "Patient/1"))
                .execute().getCreated()).isTrue();
        assertProblem(send("GET", "/api/messages", TestTokens.INGEST, null), 403, TestTokens.INGEST_NAME);
        assertProblem(send("GET", "/actuator/info", TestTokens.INGEST, null), 403, TestTokens.INGEST_NAME);
    }

    @Test
    void fhirWithoutTokenIs401OperationOutcome() throws Exception {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> fhirClient(null).create()
                .resource(FhirSamples.encounter("AUTH-NONE", "Patient/1")).execute());
        assertThat(e.getStatusCode()).isEqualTo(401);
        OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(IssueType.LOGIN);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("bearer token is required");

        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/fhir/Encounter/1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(raw.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, raw.body()).getIssueFirstRep().getCode())
                .isEqualTo(IssueType.LOGIN);
    }

    /** Clients and SMART apps read the CapabilityStatement before they authenticate; it holds no PHI. */
    @Test
    void fhirCapabilityStatementIsOpenAndNothingElseIs() throws Exception {
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/fhir/metadata")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("CapabilityStatement");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/fhir/metadata"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void fhirWithAReadTokenIs403OperationOutcome() {
        ForbiddenOperationException e = catchThrowableOfType(ForbiddenOperationException.class, () ->
                fhirClient(TestTokens.READ).create().resource(FhirSamples.encounter("AUTH-READ", "Patient/1")).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(IssueType.FORBIDDEN);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains(TestTokens.READ_NAME);
        assertThat(catchThrowableOfType(AuthenticationException.class, () ->
                fhirClient("unknown-token-0000000000000").read().resource("Encounter").withId("1").execute()))
                .as("reads need the token too").isNotNull();
    }

    @Test
    void healthIsOpen() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"");
        assertThat(send("GET", "/actuator/health/ping", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health", "not-a-configured-token-4242424242", null).statusCode())
                .as("a probe with a stale token still gets its answer").isEqualTo(200);
    }

    @Test
    void noSessionCookie() throws Exception {
        HttpResponse<String> r = send("GET", "/api/messages", TestTokens.ALL, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
