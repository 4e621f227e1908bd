-- Retention (claimbridge.retention.message-content): the pruner removes the content of PROCESSED
-- messages older than the period and keeps their metadata (sender, control id, type, status, times,
-- content_sha256, error), so resends are still recognised and message -> claim -> delivery stays traceable.
ALTER TABLE message ADD COLUMN content_pruned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE message ALTER COLUMN raw DROP NOT NULL;
-- the FHIR Encounters and Claims a pruned message carried keep their row (type + identifier: conditional
-- creates still match) and lose their body
ALTER TABLE fhir_resource ALTER COLUMN body DROP NOT NULL;
-- "PROCESSED, not pruned yet, received before T" is one index range on H2 and PostgreSQL (IS NULL is an
-- index condition on both), read in received_at order; rows already pruned leave the range, so each run
-- costs what it prunes, not what was pruned before.
CREATE INDEX message_prunable_idx ON message (status, content_pruned_at, received_at);
