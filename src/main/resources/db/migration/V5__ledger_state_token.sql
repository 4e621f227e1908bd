-- state_token: a value never reused, set with every state_json write, so the processing node can
-- keep decoded ledger states in memory and tell a current one from a stale one without reading JSON.
ALTER TABLE encounter ADD COLUMN state_token BIGINT;


-- next_due_at: when the ledger clock should look at the visit again (a bill hold ends, a service
-- day closes), NULL when only a new message can release anything. The clock reads only due rows.
ALTER TABLE encounter ADD COLUMN next_due_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX encounter_next_due_idx ON encounter (next_due_at);
-- rows written before this column existed are looked at once, which sets their real due time
UPDATE encounter SET next_due_at = updated_at WHERE status IN ('OPEN', 'DISCHARGED', 'CANCELLED');
