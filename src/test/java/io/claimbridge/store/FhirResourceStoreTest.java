package io.claimbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fhir_resource table (V2) against embedded H2 and the machine's real PostgreSQL. */
class FhirResourceStoreTest {
    @TempDir
    Path tmp;

    private HikariDataSource ds;
    private boolean postgres;
    private GroupCommitWriter writer;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    @AfterEach
    void close() {
        writer.close();
        if (postgres) {
            TestDatabases.dropPostgresSchema(ds);
        } else {
            ds.close();
        }
    }

    private FhirResourceStore open(String db) {
        postgres = db.equals("postgresql");
        ds = postgres ? TestDatabases.postgres() : TestDatabases.h2(tmp);
        writer = new GroupCommitWriter(ds, SqlDialect.of(ds), 64, 1024);
        return new FhirResourceStore(ds, SqlDialect.of(ds));
    }

    private long message(String controlId) throws Exception {
        byte[] raw = ("{\"resourceType\":\"Encounter\",\"id\":\"" + controlId + "\"}").getBytes(StandardCharsets.UTF_8);
        return writer.submit(NewMessage.received("HTTP", "fhir", null, null, controlId, "FHIR", "Encounter", "4.0.1",
                raw, controlId, Instant.now())).get().id();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void insertFindReadAndUniqueIdentifier(String db) throws Exception {
        FhirResourceStore store = open(db);
        long msg = message("m1");
        long a = store.nextId();
        long b = store.nextId();
        assertThat(b).isNotEqualTo(a);

        store.insertAll(List.of(new FhirResourceRow(a, "Encounter", "urn:s", "E1", msg, "{\"resourceType\":\"Encounter\"}"),
                new FhirResourceRow(b, "Patient", null, null, msg, "{\"resourceType\":\"Patient\"}")));

        assertThat(store.findByIdentifier("Encounter", "urn:s", "E1")).contains(a);
        assertThat(store.findByIdentifier("Claim", "urn:s", "E1")).isEmpty();
        assertThat(store.read("Encounter", a)).contains("{\"resourceType\":\"Encounter\"}");
        assertThat(store.read("Claim", a)).isEmpty();
        assertThat(store.countByMessage(msg)).isEqualTo(2);

        // Resources without an identifier never clash; the same type + identifier always does.
        store.insertAll(List.of(new FhirResourceRow(store.nextId(), "Patient", null, null, msg, "{}")));
        long c = store.nextId();
        assertThatThrownBy(() -> store.insertAll(List.of(
                new FhirResourceRow(c, "Claim", "urn:s", "C1", msg, "{}"),
                new FhirResourceRow(store.nextId(), "Encounter", "urn:s", "E1", msg, "{}"))))
                .isInstanceOf(DuplicateIdentifierException.class);
        // all or nothing: the Claim of the failed batch is not there
        assertThat(store.findByIdentifier("Claim", "urn:s", "C1")).isEmpty();
    }
}
