-- state_token: a value never reused, set with every state_json write, so the processing node can
-- keep decoded ledger states in memory and tell a current one from a stale one without reading JSON.
ALTER TABLE encounter ADD COLUMN state_token BIGINT;

