-- state_token: a value never reused, set with every state_json write, so the processing node can
-- keep decoded ledger states in memory and tell a current one from a stale one without reading JSON.
ALTER TABLE encounter ADD COLUMN state_token BIGINT;

-- Ids are drawn in blocks: a sequence that writes itself back on every value costs a write per row.
ALTER SEQUENCE encounter_id_seq CACHE 1000;
ALTER SEQUENCE claim_id_seq CACHE 1000;
ALTER SEQUENCE claim_event_id_seq CACHE 1000;
ALTER SEQUENCE delivery_id_seq CACHE 1000;
ALTER SEQUENCE delivery_attempt_id_seq CACHE 1000;
