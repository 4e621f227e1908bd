package io.claimbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.claimbridge.store.GroupCommitWriter;
import io.claimbridge.store.SqlDialect;
import org.junit.jupiter.api.Test;

/** A message that cannot be stored is not acknowledged as accepted: AE 207, the sender resends. */
class StoreDownTest {

    /** A database that is down: every connection attempt fails. */
    static final class DownDataSource implements DataSource {
        public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused", "08001");
        }

        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        public PrintWriter getLogWriter() {
            return null;
        }

        public void setLogWriter(PrintWriter out) {
        }

        public void setLoginTimeout(int seconds) {
        }

        public int getLoginTimeout() {
            return 0;
        }

        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void storeDownGivesAe207AndNothingIsHandedOn() {
        AtomicInteger handedOn = new AtomicInteger();
        try (GroupCommitWriter writer = new GroupCommitWriter(new DownDataSource(), SqlDialect.H2, 16, 16)) {
            Hl7Receiver receiver = new Hl7Receiver(writer, id -> handedOn.incrementAndGet(), Duration.ofSeconds(5));
            ListenerSettings listener = new ListenerSettings("epic", AckMode.ORIGINAL, Set.of("ADT"), 1 << 20);
            byte[] msg = "MSH|^~\\&|EPIC|HOSP|CB|CB|2025||ADT^A01^ADT_A01|DOWN-1|P|2.5.1\rPID|1\r"
                    .getBytes(StandardCharsets.US_ASCII);

            Hl7Receiver.Reply reply = receiver.receive(msg, listener, "MLLP");

            assertThat(reply.code()).isEqualTo(AckCode.AE);
            assertThat(reply.messageId()).isNull();
            assertThat(reply.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.APPLICATION_INTERNAL_ERROR);
                assertThat(e.text()).contains("store unavailable");
            });
            String ack = new String(reply.ack(), StandardCharsets.US_ASCII);
            assertThat(ack).contains("\rMSA|AE|DOWN-1\r").contains("|207^Application internal error^HL70357|");
            assertThat(handedOn).hasValue(0);
        }
    }
}
