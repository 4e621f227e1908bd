-- payer_claim_number: the payer's claim control number (ICN/DCN) for this claim, assigned when it
-- adjudicated it. A replacement or void must quote it in REF*F8, so replacements of a claim whose
-- number is not known yet wait in the work queue; the index finds them when it is set.
ALTER TABLE claim ADD COLUMN payer_claim_number VARCHAR(80);
CREATE INDEX claim_original_idx ON claim (original_claim_id, status);
