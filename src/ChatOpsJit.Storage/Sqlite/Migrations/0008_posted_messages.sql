-- What a chat platform posted under each idempotency key (Slack's channel and ts), written as soon as the platform
-- answers, so a delivery retried after a crash or a lost lease returns the first message rather than posting it again.
CREATE TABLE posted_messages (
    platform        TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    channel         TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    posted_at       TEXT NOT NULL,
    PRIMARY KEY (platform, idempotency_key)
) WITHOUT ROWID;
