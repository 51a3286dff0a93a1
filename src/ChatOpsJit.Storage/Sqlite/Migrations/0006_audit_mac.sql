-- Audit records are sealed with a keyed MAC (HMAC-SHA256 over length-prefixed fields, domain 'chatopsjit-audit-v2',
-- see AuditChain) whose key lives outside the database. The columns previous_hash and hash keep their names but now
-- hold MACs: hash is the record's MAC, previous_hash the MAC of the record before it.
--
-- key_id names the key that sealed the record (the first 8 bytes, hex, of HMAC-SHA256(key, 'chatopsjit audit key id')).
-- Rows written before this migration keep 'sha256': the legacy, unkeyed epoch, checked with the old plain SHA-256
-- formula and allowed only before the first keyed record. The key changes only at an 'audit.key-rotated' record.
ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT 'sha256';

-- The request as the transition left it (state, version, deadlines and a digest of its JSON), covered by the MAC, so
-- a request row edited behind the workflow's back shows. Null on legacy rows and on the chain's own records.
ALTER TABLE audit_log ADD COLUMN request TEXT NULL;
