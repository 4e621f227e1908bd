package io.claimbridge.app;

import java.util.List;

import io.claimbridge.store.ClaimStore;
import io.claimbridge.store.DeliveryStore;
import io.claimbridge.store.MessageQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The shared application plus what the work-queue tests use: the claim API as a coder or biller calls it. */
abstract class ClaimApiTestSupport extends AppTestSupport {
    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ClaimStore claims;
    @Autowired
    protected DeliveryStore deliveries;

    /** PUT a JSON body as {@code user} (no X-Claimbridge-User header when null). */
    protected ResponseEntity<String> put(String path, String body, String user) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            h.set("X-Claimbridge-User", user);
        }
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, h), String.class);
    }

    /** A v2.5.1 sample (ADT_A04, DFT_P03, ...) moved to its own visit number and control id. */
    protected static String visit(String name, String visit, String controlId) {
        return sample("v251", name).replace("VN2025031201", visit).replace(name.replace("ADT_", "").replace("DFT_", "")
                + "-2.5.1", controlId);
    }

    /** The claims released by the message with this control id on the default listener (none until processed). */
    protected List<ClaimStore.ClaimRow> claimsOf(String controlId) {
        var msgs = store.list(new MessageQuery("default", controlId, null, 1));
        return msgs.isEmpty() ? List.of() : claims.byMessage(msgs.get(0).id());
    }
}
