-- Message store: every inbound message exactly as received, written before it is acknowledged.
-- Portable between H2 (embedded default) and PostgreSQL.
CREATE SEQUENCE message_id_seq START WITH 1 INCREMENT BY 100;

CREATE TABLE message (
    id                BIGINT       NOT NULL PRIMARY KEY,
    source            VARCHAR(16)  NOT NULL,            -- MLLP, FILE, HTTP
    sender            VARCHAR(64)  NOT NULL,            -- listener's sender name
    sending_app       VARCHAR(227),                     -- MSH-3
    sending_facility  VARCHAR(227),                     -- MSH-4
    control_id        VARCHAR(199),                     -- MSH-10
    message_type      VARCHAR(16),                      -- MSH-9.1
    trigger_event     VARCHAR(16),                      -- MSH-9.2
    version           VARCHAR(16),                      -- MSH-12
    content_sha256    VARCHAR(64)  NOT NULL,
    raw               BYTEA        NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    status_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    error             VARCHAR(2000),
    duplicate_id      BOOLEAN      NOT NULL DEFAULT FALSE, -- same sender + control id, different content
    attempts          INTEGER      NOT NULL DEFAULT 0
);

-- Resend detection: same sender, control id and content is the same message.
CREATE UNIQUE INDEX message_resend_uk ON message (control_id, sender, content_sha256);
CREATE INDEX message_sender_idx ON message (sender, id);
CREATE INDEX message_status_idx ON message (status, id);
CREATE INDEX message_received_idx ON message (received_at);
