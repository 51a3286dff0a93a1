-- A card is stored once per transition, however many of the transition's messages carry it. A request waiting for
-- approval sends one card to every approver, by DM on each platform and by email: copied into each message, those cards
-- were most of what a submission wrote (SQLite's bench/slack database held 107 of 209 MB in them after 7,000 requests).
CREATE TABLE outbox_cards (
    id   text NOT NULL PRIMARY KEY,
    card text NOT NULL
);
-- Messages written before this keep their own cards, under ids no transition makes ('<request id>:<version>:<n>').
INSERT INTO outbox_cards (id, card) SELECT 'outbox:' || id, card FROM outbox;
ALTER TABLE outbox ADD COLUMN card_id text;
UPDATE outbox SET card_id = 'outbox:' || id;
ALTER TABLE outbox ALTER COLUMN card_id SET NOT NULL;
ALTER TABLE outbox DROP COLUMN card;
