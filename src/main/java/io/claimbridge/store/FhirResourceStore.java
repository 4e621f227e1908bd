package io.claimbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The {@code fhir_resource} table: FHIR resources accepted over HTTP. Rows are written after the
 * message that carried them is committed, and before the HTTP answer, so a 2xx always has both.
 */
public class FhirResourceStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final IdBlockAllocator ids;

    public FhirResourceStore(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.ids = new IdBlockAllocator(dialect, "fhir_resource_id_seq");
    }

    /** An id for a resource about to be stored (ids go into the body and references before the insert). */
    public long nextId() {
        try (Connection c = dataSource.getConnection()) {
            return ids.next(c);
        } catch (SQLException e) {
            throw new StoreException("id allocation failed", e);
        }
    }

    /** The id of the stored resource with this type and identifier, if any. */
    public Optional<Long> findByIdentifier(String resourceType, String system, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM fhir_resource WHERE resource_type = ? AND identifier_system = ? AND identifier_value = ?")) {
            ps.setString(1, resourceType);
            ps.setString(2, system);
            ps.setString(3, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup failed", e);
        }
    }

    /** The JSON body of a stored resource; empty when there is none or retention removed it. */
    public Optional<String> read(String resourceType, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT body FROM fhir_resource WHERE resource_type = ? AND id = ?")) {
            ps.setString(1, resourceType);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("read failed", e);
        }
    }

    /** Whether the resource was stored, body or not (retention keeps the row, removes the body). */
    public boolean exists(String resourceType, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM fhir_resource WHERE resource_type = ? AND id = ?")) {
            ps.setString(1, resourceType);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup failed", e);
        }
    }

    public long countByMessage(long messageId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM fhir_resource WHERE message_id = ?")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("count failed", e);
        }
    }

    /** Stores all rows in one transaction (a transaction Bundle is all or nothing). */
    public void insertAll(List<FhirResourceRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO fhir_resource (id, resource_type, identifier_system, identifier_value, message_id,
                      body, created_at) VALUES (?,?,?,?,?,?,?)""")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (FhirResourceRow r : rows) {
                    ps.setLong(1, r.id());
                    ps.setString(2, r.resourceType());
                    ps.setString(3, r.identifierSystem());
                    ps.setString(4, r.identifierValue());
                    ps.setLong(5, r.messageId());
                    ps.setString(6, r.body());
                    ps.setTimestamp(7, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new DuplicateIdentifierException(e);
            }
            throw new StoreException("resource insert failed", e);
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState());
    }
}
