package io.claimbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/** The few statements that differ between H2 and PostgreSQL. */
public enum SqlDialect {
    H2("NEXT VALUE FOR %s"),
    POSTGRESQL("nextval('%s')");

    private final String nextValueFormat;

    SqlDialect(String nextValueFormat) {
        this.nextValueFormat = nextValueFormat;
    }

    /** A query returning the sequence's next value. */
    public String nextValue(String sequence) {
        return "SELECT " + nextValueExpression(sequence);
    }

    /** The sequence's next value as an expression, to draw ids inside an INSERT (one round trip, batchable). */
    public String nextValueExpression(String sequence) {
        return nextValueFormat.formatted(sequence);
    }

    /**
     * H2 writes a sequence's state back (a commit of its own, which stores every changed page) every
     * time its cache runs out; the pipeline draws several ids per claim, so its sequences get a cache
     * of 100,000 (about a minute at full load; a killed engine skips the rest, and gaps are harmless). PostgreSQL
     * keeps its default: there a cache is per session, and ids from several connections would stop
     * following creation order (claim events and delivery attempts are listed by id).
     */
    public void tuneSequences(DataSource dataSource, String... sequences) {
        if (this != H2) {
            return;
        }
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String sequence : sequences) {
                s.execute("ALTER SEQUENCE " + sequence + " CACHE 100000");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tune sequences", e);
        }
    }

    public static SqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            if (product.contains("h2")) {
                return H2;
            }
            throw new IllegalStateException("Unsupported database: " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read database metadata", e);
        }
    }
}
