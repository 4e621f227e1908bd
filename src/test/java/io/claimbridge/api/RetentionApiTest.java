package io.claimbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.claimbridge.app.AppTestSupport;
import io.claimbridge.app.MllpClient;
import io.claimbridge.store.MessageQuery;
import io.claimbridge.store.MessageStatus;
import io.claimbridge.store.RetentionStore;
import io.claimbridge.store.StoredMessage;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import io.claimbridge.app.TestTokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What the API shows of a message whose content retention removed. The pruner itself is tested in
 * RetentionPrunerTest; here the store prunes up to just after this test's own message (it is off in
 * the shared context), which also prunes earlier PROCESSED messages of other tests: none reads them again.
 */
class RetentionApiTest extends AppTestSupport {
    static final FhirContext FHIR = FhirContext.forR4Cached();

    @Autowired
    TestRestTemplate http;

    @Autowired
    RetentionStore retention;

    private StoredMessage processed(String sender, String controlId) {
        await(Duration.ofSeconds(20), () -> {
            List<StoredMessage> found = store.list(new MessageQuery(sender, controlId, null, 10));
            return found.size() == 1 && found.get(0).status() == MessageStatus.PROCESSED;
        }, "processed " + controlId);
        return store.list(new MessageQuery(sender, controlId, null, 10)).get(0);
    }

    private void pruneThrough(StoredMessage m) {
        Instant cutoff = m.receivedAt().plusMillis(1);
        while (retention.pruneBatch(cutoff, Instant.now(), 500).more()) {
            // next batch
        }
        assertThat(store.get(m.id()).orElseThrow().contentPrunedAt()).isNotNull();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aPrunedMessageShowsWhenAndCannotBeReprocessedAndItsResendIsRecognised() throws Exception {
        String msg = sample("v251", "ADT_A03").replace("A03-2.5.1", "RET-API-1");
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(msg), "MSA", 1)).isEqualTo("AA");
        }
        StoredMessage m = processed("default", "RET-API-1");
        Map<String, Object> before = http.getForObject("/api/messages/" + m.id(), Map.class);
        assertThat(before.get("raw")).isEqualTo(msg);
        assertThat((Map<String, Object>) before.get("message")).containsEntry("contentPrunedAt", null);

        pruneThrough(m);

        Map<String, Object> one = http.getForObject("/api/messages/" + m.id(), Map.class);
        Map<String, Object> summary = (Map<String, Object>) one.get("message");
        assertThat(summary.get("contentPrunedAt")).isNotNull();
        assertThat(summary).containsEntry("status", "PROCESSED").containsEntry("controlId", "RET-API-1");
        assertThat(one.get("raw")).isNull();
        assertThat(one.get("rawEncoding")).isNull();
        assertThat(one).containsKey("claims");
        List<Map<String, Object>> listed = http.getForObject("/api/messages?sender=default&controlId=RET-API-1", List.class);
        assertThat(listed).singleElement().satisfies(row -> assertThat(row.get("contentPrunedAt")).isNotNull());

        ResponseEntity<Map> reprocess = http.postForEntity("/api/messages/" + m.id() + "/reprocess", null, Map.class);
        assertThat(reprocess.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) reprocess.getBody().get("detail"))
                .isEqualTo("message " + m.id() + " cannot be reprocessed: content pruned at "
                        + summary.get("contentPrunedAt") + " by retention");
        assertThat(store.get(m.id()).orElseThrow().status()).isEqualTo(MessageStatus.PROCESSED);

        // the sender resends the same bytes: acknowledged again, not stored a second time
        try (MllpClient c = new MllpClient(MLLP_PORT)) {
            assertThat(MllpClient.field(c.exchange(msg), "MSA", 1)).isEqualTo("AA");
        }
        assertThat(store.list(new MessageQuery("default", "RET-API-1", null, 10))).hasSize(1);
    }

    @Test
    void aPrunedEncounterIsGoneItsPatientStaysAndAConditionalResendStillMatches() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + httpPort + "/fhir");
        client.setEncoding(EncodingEnum.JSON);
        client.registerInterceptor(TestTokens.fhirAuth());
        Bundle tx = client.transaction().withBundle(FhirSamples.transaction("RET1", BundleType.TRANSACTION)).execute();
        String patient = new IdType(tx.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
        String condition = "Encounter?identifier=" + FhirSamples.SYSTEM + "|ENC-RET-1";
        MethodOutcome created = client.create().resource(FhirSamples.encounter("ENC-RET-1", patient))
                .conditionalByUrl(condition).execute();
        StoredMessage m = processed("fhir", FhirSamples.SYSTEM + "|ENC-RET-1");

        pruneThrough(m);

        String id = created.getId().getIdPart();
        assertThatThrownBy(() -> client.read().resource(Encounter.class).withId(id).execute())
                .isInstanceOf(ResourceGoneException.class);
        assertThat(client.read().resource(Patient.class).withId(new IdType(patient).getIdPart()).execute()
                .getIdentifierFirstRep().getValue()).isEqualTo("MRN-RET1");
        MethodOutcome again = client.create().resource(FhirSamples.encounter("ENC-RET-1", patient))
                .conditionalByUrl(condition).execute();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(id);
    }
}
