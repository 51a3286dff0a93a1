-- A card is stored once per transition, however many of the transition's messages carry it. A request waiting for
-- approval sends one card to every approver, by DM on each platform and by email: copied into each message, those cards
-- were most of what a submission wrote (107 of 209 MB after 7,000 requests under bench/slack), and SQLite writes every
-- byte twice, to the WAL and again at the checkpoint.
CREATE TABLE outbox_cards (
    id   TEXT NOT NULL PRIMARY KEY,
    card TEXT NOT NULL
);
-- Messages written before this keep their own cards, under ids no transition makes ('<request id>:<version>:<n>').
INSERT INTO outbox_cards (id, card) SELECT 'outbox:' || id, card FROM outbox;
ALTER TABLE outbox ADD COLUMN card_id TEXT NOT NULL DEFAULT '';
UPDATE outbox SET card_id = 'outbox:' || id;
ALTER TABLE outbox DROP COLUMN card;
