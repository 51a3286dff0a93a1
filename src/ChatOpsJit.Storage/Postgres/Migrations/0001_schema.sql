-- The logical schema of SQLite's migrations 0001..0009 in one script (PostgreSQL starts there).
-- Times are timestamptz, except audit_log.at: the audit MAC covers the time to the tick (100 ns) and timestamptz keeps
-- microseconds, so it is the same fixed-width ISO-8601 UTC text as in SQLite (which also orders correctly as text).

-- The whole request is kept as JSON; the columns beside it exist to filter, order and check versions.
-- row_order breaks ties between requests created at the same instant (SQLite's rowid).
CREATE TABLE access_requests (
    id              text        NOT NULL PRIMARY KEY,
    state           text        NOT NULL,
    requester_email text        NOT NULL,
    node_id         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    version         bigint      NOT NULL,
    json            text        NOT NULL,
    row_order       bigint      GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX ix_access_requests_created   ON access_requests (created_at);
CREATE INDEX ix_access_requests_state     ON access_requests (state, created_at);
-- Emails compare without regard to letter case (SQLite's COLLATE NOCASE).
CREATE INDEX ix_access_requests_requester ON access_requests (lower(requester_email), created_at);
CREATE INDEX ix_access_requests_node      ON access_requests (node_id, created_at);
-- One open request per person and node, enforced where concurrent submissions meet: a double-submitted /access
-- inserts one request, not two. Final states free the slot.
CREATE UNIQUE INDEX ux_access_requests_open ON access_requests (lower(requester_email), node_id)
WHERE state IN ('Pending', 'Approved', 'Active');

-- Append-only and MAC-chained (see AuditChain): seq is assigned by the writer (last + 1) under the audit advisory lock,
-- never by a sequence, because it is part of the MAC. hash is the record's MAC, previous_hash the one before it;
-- key_id names the key that sealed it; request is the request as the transition left it (null on the chain's own records).
CREATE TABLE audit_log (
    seq           bigint NOT NULL PRIMARY KEY,
    request_id    text   NOT NULL,
    kind          text   NOT NULL,
    actor         text   NOT NULL,
    at            text   NOT NULL,
    data          text   NOT NULL,
    previous_hash text   NOT NULL,
    hash          text   NOT NULL,
    key_id        text   NOT NULL,
    request       text   NULL
);
CREATE INDEX ix_audit_log_request ON audit_log (request_id, seq);

CREATE TABLE outbox (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id        text        NOT NULL,
    request_version   bigint      NOT NULL,
    kind              text        NOT NULL,
    platform          text        NULL,
    recipient         text        NOT NULL,
    recipient_user_id text        NULL,
    card_key          text        NULL,
    card              text        NOT NULL,
    -- Unique: two messages sharing a key would make the receiver drop the second one silently.
    idempotency_key   text        NOT NULL UNIQUE,
    created_at        timestamptz NOT NULL,
    due_at            timestamptz NOT NULL,
    lease_until       timestamptz NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    delivered_at      timestamptz NULL,
    dead              boolean     NOT NULL DEFAULT false,
    last_error        text        NULL
);
CREATE INDEX ix_outbox_pending ON outbox (due_at) WHERE delivered_at IS NULL AND NOT dead;
-- A card update waits while its post (a channel card or a DM with buttons) is undelivered; this finds that post.
CREATE INDEX ix_outbox_card ON outbox (card_key, platform) WHERE card_key IS NOT NULL AND delivered_at IS NULL AND NOT dead;

-- Posted cards are remembered by the core, not by each adapter: what a platform returned for a post (channel and
-- message id), and the request version the card shows now, so an older update never overwrites a newer card.
CREATE TABLE card_references (
    card_key      text        NOT NULL,
    platform      text        NOT NULL,
    channel       text        NOT NULL,
    message_id    text        NOT NULL,
    shown_version bigint      NOT NULL,
    posted_at     timestamptz NOT NULL,
    PRIMARY KEY (card_key, platform)
);

-- A job row exists only while the work is pending (claimed or not); completing a job deletes it.
CREATE TABLE jobs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  text        NOT NULL,
    kind        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    due_at      timestamptz NOT NULL,
    lease_until timestamptz NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text        NULL
);
CREATE INDEX ix_jobs_due     ON jobs (due_at);
CREATE INDEX ix_jobs_request ON jobs (request_id, kind);

-- What a chat platform posted under each idempotency key, written as soon as the platform answers, so a delivery
-- retried after a crash or a lost lease returns the first message rather than posting it again.
CREATE TABLE posted_messages (
    platform        text        NOT NULL,
    idempotency_key text        NOT NULL,
    channel         text        NOT NULL,
    message_id      text        NOT NULL,
    posted_at       timestamptz NOT NULL,
    PRIMARY KEY (platform, idempotency_key)
);

-- Where a chat platform can reach a person or a channel proactively (a Teams conversation reference).
CREATE TABLE conversations (
    platform   text        NOT NULL,
    key        text        NOT NULL,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (platform, key)
);

-- The dev console's fake chat workspace, kept so a restart neither loses nor repeats a message.
CREATE TABLE console_messages (
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation    text        NOT NULL,
    idempotency_key text        NULL UNIQUE,
    card            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    revision        integer     NOT NULL
);
CREATE INDEX ix_console_messages_conversation ON console_messages (conversation, seq);

-- One row counting every append and update, so the console can poll a single number to know when to refresh.
CREATE TABLE console_state (
    id             integer NOT NULL PRIMARY KEY CHECK (id = 1),
    change_counter bigint  NOT NULL
);
INSERT INTO console_state (id, change_counter) VALUES (1, 0);

-- The sandbox's simulated grants and sessions, kept so a restart between grant and expiry still ends them.
CREATE TABLE sandbox_grants (
    request_id   text        NOT NULL PRIMARY KEY,
    node_id      text        NOT NULL,
    requester    text        NOT NULL,
    granted_at   timestamptz NOT NULL,
    withdrawn_at timestamptz NULL
);

CREATE TABLE sandbox_sessions (
    id         text        NOT NULL PRIMARY KEY,
    request_id text        NOT NULL REFERENCES sandbox_grants (request_id),
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NULL
);
CREATE INDEX ix_sandbox_sessions_request ON sandbox_sessions (request_id);
