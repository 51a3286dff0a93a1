-- The sandbox's simulated grants and sessions, kept so a restart between grant and expiry still ends them.
CREATE TABLE sandbox_grants (
    request_id   TEXT NOT NULL PRIMARY KEY,
    node_id      TEXT NOT NULL,
    requester    TEXT NOT NULL,
    granted_at   TEXT NOT NULL,
    withdrawn_at TEXT NULL
);

CREATE TABLE sandbox_sessions (
    id         TEXT NOT NULL PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES sandbox_grants (request_id),
    started_at TEXT NOT NULL,
    ended_at   TEXT NULL
);
CREATE INDEX ix_sandbox_sessions_request ON sandbox_sessions (request_id);
