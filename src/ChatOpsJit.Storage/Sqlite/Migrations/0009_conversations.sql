-- Where a chat platform can reach a person or a channel proactively (a Teams conversation reference: service URL,
-- conversation id, tenant), saved on install and refreshed from every authenticated activity, so DMs and card updates
-- still go out after a restart.
CREATE TABLE conversations (
    platform   TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (platform, key)
) WITHOUT ROWID;
