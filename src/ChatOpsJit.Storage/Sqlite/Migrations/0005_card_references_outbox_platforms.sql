-- Posted cards are remembered by the core, not by each adapter: what a platform returned for a post (channel and
-- message id), and the request version the card shows now, so an older update never overwrites a newer card.
CREATE TABLE card_references (
    card_key      TEXT    NOT NULL,
    platform      TEXT    NOT NULL,
    channel       TEXT    NOT NULL,
    message_id    TEXT    NOT NULL,
    shown_version INTEGER NOT NULL,
    posted_at     TEXT    NOT NULL,
    PRIMARY KEY (card_key, platform)
);

-- The console's cards posted before this migration were found by card key in its transcript; keep finding them.
INSERT INTO card_references (card_key, platform, channel, message_id, shown_version, posted_at)
SELECT card_key, 'console', substr(conversation, length('channel:') + 1), CAST(seq AS TEXT), 0, created_at
FROM console_messages
WHERE card_key IS NOT NULL AND conversation LIKE 'channel:%'
GROUP BY card_key;

DROP INDEX ix_console_messages_card_key;
ALTER TABLE console_messages DROP COLUMN card_key;

-- The outbox names a platform (null for email) rather than a "channel", carries the request version each card was
-- drawn at, and the recipient's platform user id for DMs. SQLite cannot change a column's nullability in place.
CREATE TABLE outbox_new (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    request_id        TEXT    NOT NULL,
    request_version   INTEGER NOT NULL,
    kind              TEXT    NOT NULL,
    platform          TEXT    NULL,
    recipient         TEXT    NOT NULL,
    recipient_user_id TEXT    NULL,
    card_key          TEXT    NULL,
    card              TEXT    NOT NULL,
    -- Unique: two messages sharing a key would make the receiver drop the second one silently.
    idempotency_key   TEXT    NOT NULL UNIQUE,
    created_at        TEXT    NOT NULL,
    due_at            TEXT    NOT NULL,
    lease_until       TEXT    NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    delivered_at      TEXT    NULL,
    dead              INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT    NULL
);

-- Keys were '<request>:<version>:<kind>:...'; CAST reads the leading digits of what follows the first colon.
INSERT INTO outbox_new (id, request_id, request_version, kind, platform, recipient, card_key, card, idempotency_key,
                        created_at, due_at, lease_until, attempts, delivered_at, dead, last_error)
SELECT id, request_id, CAST(substr(idempotency_key, instr(idempotency_key, ':') + 1) AS INTEGER), kind,
       CASE channel WHEN 'email' THEN NULL ELSE channel END, recipient, card_key, card, idempotency_key,
       created_at, due_at, lease_until, attempts, delivered_at, dead, last_error
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX ix_outbox_pending ON outbox (due_at) WHERE delivered_at IS NULL AND dead = 0;
