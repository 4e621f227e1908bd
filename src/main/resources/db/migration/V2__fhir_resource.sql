-- FHIR resources accepted over HTTP, one row per resource, each pointing at the message that
-- carried it. The unique index is what makes conditional create (If-None-Exist) hold under races.
-- Portable between H2 and PostgreSQL.
CREATE SEQUENCE fhir_resource_id_seq START WITH 1 INCREMENT BY 100;

CREATE TABLE fhir_resource (
    id                BIGINT        NOT NULL PRIMARY KEY,
    resource_type     VARCHAR(64)   NOT NULL,
    identifier_system VARCHAR(512),
    identifier_value  VARCHAR(512),
    message_id        BIGINT        NOT NULL REFERENCES message (id),
    body              TEXT          NOT NULL,             -- JSON, with the assigned id
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX fhir_resource_identifier_uk ON fhir_resource (resource_type, identifier_system, identifier_value);
CREATE INDEX fhir_resource_message_idx ON fhir_resource (message_id);
