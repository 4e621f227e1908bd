-- Encounter ledger: one row per visit (sender + visit number), its merged state as JSON.
CREATE TABLE encounter (
    id            BIGINT       NOT NULL PRIMARY KEY,
    sender        VARCHAR(64)  NOT NULL,
    visit_key     VARCHAR(250) NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    state_json    TEXT         NOT NULL,
    last_message_id BIGINT,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       INTEGER      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX encounter_visit_uk ON encounter (sender, visit_key);
CREATE SEQUENCE encounter_id_seq START WITH 1 INCREMENT BY 1;

-- Claims released from the ledger: the canonical Bundle, the edit outcome, and where they stand.
CREATE TABLE claim (
    id                BIGINT       NOT NULL PRIMARY KEY,
    claim_id          VARCHAR(64)  NOT NULL,     -- CLM01 / Claim.identifier
    encounter_id      BIGINT       NOT NULL REFERENCES encounter (id),
    message_id        BIGINT,                    -- the message whose arrival released it
    claim_type        VARCHAR(16)  NOT NULL,     -- professional | institutional
    frequency         VARCHAR(2)   NOT NULL,     -- 1 original, 7 replacement, 8 void
    original_claim_id VARCHAR(64),
    payer_id          VARCHAR(80),
    status            VARCHAR(16)  NOT NULL,     -- HELD, RELEASED, ERROR, DELIVERED
    bundle_json       TEXT         NOT NULL,
    outcome_json      TEXT,
    error_count       INTEGER      NOT NULL DEFAULT 0,
    warning_count     INTEGER      NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by        VARCHAR(120),
    version           INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX claim_claim_id_idx ON claim (claim_id);
CREATE INDEX claim_status_idx ON claim (status, id);
CREATE INDEX claim_encounter_idx ON claim (encounter_id);
CREATE SEQUENCE claim_id_seq START WITH 1 INCREMENT BY 1;

-- Who changed a held claim, when, and what the edits said afterwards.
CREATE TABLE claim_event (
    id         BIGINT       NOT NULL PRIMARY KEY,
    claim_pk   BIGINT       NOT NULL REFERENCES claim (id),
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor      VARCHAR(120) NOT NULL,
    action     VARCHAR(32)  NOT NULL,
    detail     VARCHAR(2000)
);
CREATE SEQUENCE claim_event_id_seq START WITH 1 INCREMENT BY 1;

-- One row per (claim, destination): exactly once per destination.
CREATE TABLE delivery (
    id               BIGINT       NOT NULL PRIMARY KEY,
    claim_pk         BIGINT       NOT NULL REFERENCES claim (id),
    destination      VARCHAR(80)  NOT NULL,
    format           VARCHAR(16)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,   -- PENDING, SENDING, SENT, ACCEPTED, FAILED, DEAD, ERROR
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    interchange_control VARCHAR(16),          -- ISA13 of the interchange that carried it
    batch_key        VARCHAR(120),            -- file name / request key of the send that carried it
    last_error       VARCHAR(2000),
    response_json    TEXT,                    -- e.g. ClaimResponse from an insurer
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX delivery_claim_destination_uk ON delivery (claim_pk, destination);
CREATE INDEX delivery_due_idx ON delivery (status, next_attempt_at);
CREATE SEQUENCE delivery_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE delivery_attempt (
    id           BIGINT       NOT NULL PRIMARY KEY,
    delivery_id  BIGINT       NOT NULL REFERENCES delivery (id),
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,       -- SENT, ACCEPTED, FAILED, ERROR
    error        VARCHAR(2000)
);
CREATE INDEX delivery_attempt_delivery_idx ON delivery_attempt (delivery_id);
CREATE SEQUENCE delivery_attempt_id_seq START WITH 1 INCREMENT BY 1;

-- X12 control numbers per trading partner: persisted, monotonic across restarts.
CREATE TABLE control_number (
    partner     VARCHAR(120) NOT NULL,
    kind        VARCHAR(8)   NOT NULL,        -- ISA, GS, ST
    last_value  BIGINT       NOT NULL,
    PRIMARY KEY (partner, kind)
);
