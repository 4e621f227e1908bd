-- GET /api/encounters?status= : an analyst's view of visits by status (PENDING ones wait for an ADT).
CREATE INDEX encounter_status_idx ON encounter (status, id);
