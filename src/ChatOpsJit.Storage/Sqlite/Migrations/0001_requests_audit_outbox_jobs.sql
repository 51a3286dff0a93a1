-- Times are fixed-width ISO-8601 UTC text (see SqliteTime), so text comparison orders them correctly.

-- The whole request is kept as JSON; the columns beside it exist to filter, order and check versions.
CREATE TABLE access_requests (
    id              TEXT    NOT NULL PRIMARY KEY,
    state           TEXT    NOT NULL,
    requester_email TEXT    NOT NULL COLLATE NOCASE,
    node_id         TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    json            TEXT    NOT NULL
);
CREATE INDEX ix_access_requests_created   ON access_requests (created_at);
CREATE INDEX ix_access_requests_state     ON access_requests (state, created_at);
CREATE INDEX ix_access_requests_requester ON access_requests (requester_email, created_at);
CREATE INDEX ix_access_requests_node      ON access_requests (node_id, created_at);

-- Append-only and hash-chained: seq is assigned by the writer (last + 1), never by AUTOINCREMENT,
-- because the sequence number is part of the hash.
CREATE TABLE audit_log (
    seq           INTEGER NOT NULL PRIMARY KEY,
    request_id    TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    at            TEXT    NOT NULL,
    data          TEXT    NOT NULL,
    previous_hash TEXT    NOT NULL,
    hash          TEXT    NOT NULL
);
CREATE INDEX ix_audit_log_request ON audit_log (request_id, seq);

CREATE TABLE outbox (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    request_id      TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    card_key        TEXT    NULL,
    card            TEXT    NOT NULL,
    -- Unique: two messages sharing a key would make the receiver drop the second one silently.
    idempotency_key TEXT    NOT NULL UNIQUE,
    created_at      TEXT    NOT NULL,
    due_at          TEXT    NOT NULL,
    lease_until     TEXT    NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    delivered_at    TEXT    NULL,
    dead            INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NULL
);
CREATE INDEX ix_outbox_pending ON outbox (due_at) WHERE delivered_at IS NULL AND dead = 0;

-- A job row exists only while the work is pending (claimed or not); completing a job deletes it.
CREATE TABLE jobs (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    request_id  TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    due_at      TEXT    NOT NULL,
    lease_until TEXT    NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT    NULL
);
CREATE INDEX ix_jobs_due     ON jobs (due_at);
CREATE INDEX ix_jobs_request ON jobs (request_id, kind);
