package io.claimbridge.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Fresh, migrated databases for store tests: an H2 file database in a temp folder, or a new
 * schema on the machine's PostgreSQL (127.0.0.1:5432, database test; override with
 * CLAIMBRIDGE_TEST_PG_URL). PostgreSQL being down fails the test: it is never skipped.
 */
public final class TestDatabases {
    public static final String PG_URL = System.getenv().getOrDefault("CLAIMBRIDGE_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    /** Each PostgreSQL test schema, and the pool on it, is named this plus a random suffix. */
    private static final String SCHEMA_PREFIX = "cb_test_";
    public static final String PG_USER = System.getenv().getOrDefault("CLAIMBRIDGE_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    public static HikariDataSource h2(java.nio.file.Path dir) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0");
        c.setUsername("sa");
        c.setMaximumPoolSize(8);
        return migrate(new HikariDataSource(c), null);
    }

    /** A new schema on PostgreSQL, dropped when the data source is closed by {@link #dropPostgresSchema}. */
    public static HikariDataSource postgres() {
        String schema = SCHEMA_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " is not reachable: " + e.getMessage(), e);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(PG_URL + "?currentSchema=" + schema);
        c.setUsername(PG_USER);
        c.setMaximumPoolSize(8);
        c.setPoolName(schema);
        return migrate(new HikariDataSource(c), schema);
    }

    /** The databases a store test runs on, by the names {@link #open} takes. */
    public static java.util.stream.Stream<String> names() {
        return java.util.stream.Stream.of("h2", "postgresql");
    }

    /** {@link #h2} under {@code dir} or {@link #postgres}, by name; give it back with {@link #close}. */
    public static HikariDataSource open(String name, java.nio.file.Path dir) {
        return name.equals("postgresql") ? postgres() : h2(dir);
    }

    /** Closes a data source from {@link #open}, dropping its PostgreSQL schema. */
    public static void close(HikariDataSource ds) {
        if (ds.getPoolName() != null && ds.getPoolName().startsWith(SCHEMA_PREFIX)) {
            dropPostgresSchema(ds);
        } else {
            ds.close();
        }
    }

    public static void dropPostgresSchema(HikariDataSource ds) {
        String schema = ds.getPoolName();
        ds.close();
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource migrate(HikariDataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds);
        if (schema != null) {
            config.schemas(schema);
        }
        config.load().migrate();
        return ds;
    }

    public static String schemaOf(DataSource ds) {
        return ds instanceof HikariDataSource h ? h.getPoolName() : null;
    }
}
