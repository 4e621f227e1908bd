-- What an 837 send needs to be rendered again byte for byte after a crash or for a retry:
-- the GS06 / ST02 bases and the interchange timestamp, beside the ISA13 and batch key of V3.
ALTER TABLE delivery ADD COLUMN group_control BIGINT;
ALTER TABLE delivery ADD COLUMN transaction_control BIGINT;
ALTER TABLE delivery ADD COLUMN batch_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX delivery_batch_idx ON delivery (destination, batch_key);
