-- The dev console's fake chat workspace, kept so a restart neither loses nor repeats a message.
CREATE TABLE console_messages (
    seq             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    conversation    TEXT    NOT NULL,
    card_key        TEXT    NULL,
    idempotency_key TEXT    NULL UNIQUE,
    card            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    revision        INTEGER NOT NULL
);
CREATE INDEX ix_console_messages_conversation ON console_messages (conversation, seq);
CREATE INDEX ix_console_messages_card_key     ON console_messages (card_key) WHERE card_key IS NOT NULL;

-- One row counting every append and update, so the console can poll a single number to know when to refresh.
CREATE TABLE console_state (
    id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    change_counter INTEGER NOT NULL
);
INSERT INTO console_state (id, change_counter) VALUES (1, 0);
