package io.claimbridge.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.claimbridge.app.InsurerServer;
import io.claimbridge.app.RecordingInsurer;
import io.claimbridge.delivery.retry.DeliveryFailure;
import io.claimbridge.delivery.retry.RetryPlanner;
import io.claimbridge.delivery.routing.Transport;
import io.claimbridge.delivery.x12.ClaimFixture;
import io.claimbridge.model.CodedEncounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FHIR transport against a real HAPI FHIR server: conditional create, search, classification. */
class FhirClaimTransportTest {
    static final int PORT = LocalPorts.free();
    static final RecordingInsurer INSURER = new RecordingInsurer();
    static InsurerServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = InsurerServer.start(INSURER, PORT, tmp);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static FhirClaimTransport transport(String token) {
        return new FhirClaimTransport(new Transport.Fhir(URI.create("http://127.0.0.1:" + PORT + "/test-insurer"),
                Transport.FhirMode.TRANSACTION, new Transport.Auth.Bearer(token)), Duration.ofSeconds(5));
    }

    @Test
    void aResendFindsTheClaimAndCannotCreateASecondOne() throws Exception {
        FhirClaimTransport t = transport(RecordingInsurer.TOKEN);
        CodedEncounter claim = ClaimFixture.professional().id("FHIR-RESEND-1").build();
        assertThat(t.find("FHIR-RESEND-1")).isEmpty();
        FhirClaimTransport.Submitted first = t.submit(claim, "FHIR-RESEND-1");
        FhirClaimTransport.Submitted again = t.submit(claim, "FHIR-RESEND-1");
        assertThat(first.location()).startsWith("Claim/");
        assertThat(again.location()).isEqualTo(first.location().replace("/_history/1", ""));
        long stored = INSURER.createdClaims().stream().filter(c -> c.getIdentifierFirstRep().getValue()
                .equals("FHIR-RESEND-1")).count();
        assertThat(stored).isEqualTo(1);
        assertThat(t.find("FHIR-RESEND-1")).hasValueSatisfying(id -> assertThat(id).startsWith("Claim/"));
    }

    @Test
    void submitModeKeepsTheInsurersClaimResponse() throws Exception {
        FhirClaimTransport t = new FhirClaimTransport(new Transport.Fhir(URI.create("http://127.0.0.1:" + PORT
                + "/test-insurer"), Transport.FhirMode.SUBMIT, new Transport.Auth.Bearer(RecordingInsurer.TOKEN)),
                Duration.ofSeconds(5));
        FhirClaimTransport.Submitted s = t.submit(ClaimFixture.institutional().id("FHIR-SUBMIT-1").build(),
                "FHIR-SUBMIT-1");
        assertThat(s.accepted()).isTrue();
        assertThat(s.claimResponseJson()).contains("\"resourceType\":\"ClaimResponse\"", "\"outcome\":\"complete\"");
        assertThat(t.find("FHIR-SUBMIT-1")).isPresent();
    }

    @Test
    void unavailableIsRetriedRefusedIsNot() {
        CodedEncounter claim = ClaimFixture.professional().id("FHIR-FAIL-1").build();
        INSURER.unavailableForNext(1);
        assertThatThrownBy(() -> transport(RecordingInsurer.TOKEN).submit(claim, "FHIR-FAIL-1"))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(DeliveryFailure.HttpStatus.class);
                    assertThat(((DeliveryFailure.HttpStatus) e.failure()).status()).isEqualTo(503);
                    assertThat(RetryPlanner.isTransient(e.failure())).isTrue();
                });
        INSURER.refuseNext(1);
        assertThatThrownBy(() -> transport(RecordingInsurer.TOKEN).submit(claim, "FHIR-FAIL-1"))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(((DeliveryFailure.HttpStatus) e.failure()).status()).isEqualTo(422);
                    assertThat(((DeliveryFailure.HttpStatus) e.failure()).operationOutcome()).isTrue();
                    assertThat(RetryPlanner.isTransient(e.failure())).isFalse();
                });
        assertThatThrownBy(() -> transport("wrong-token").submit(claim, "FHIR-FAIL-1"))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(((DeliveryFailure.HttpStatus) e.failure()).status()).isEqualTo(401);
                    assertThat(RetryPlanner.isTransient(e.failure())).isFalse();
                });
        assertThat(INSURER.createdClaims()).noneMatch(c -> c.getIdentifierFirstRep().getValue().equals("FHIR-FAIL-1"));
    }

    @Test
    void nobodyListeningIsAConnectionFailure() {
        int closed = LocalPorts.free();
        FhirClaimTransport t = new FhirClaimTransport(new Transport.Fhir(URI.create("http://127.0.0.1:" + closed + "/fhir"),
                Transport.FhirMode.TRANSACTION, new Transport.Auth.None()), Duration.ofSeconds(2));
        assertThatThrownBy(() -> t.submit(ClaimFixture.professional().id("X").build(), "X"))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(DeliveryFailure.ConnectionFailed.class);
                    assertThat(RetryPlanner.isTransient(e.failure())).isTrue();
                });
    }
}
