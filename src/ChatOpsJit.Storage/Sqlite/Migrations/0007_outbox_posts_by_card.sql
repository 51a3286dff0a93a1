-- A card update waits while its post (a channel card or a DM with buttons) is undelivered; this finds that post.
CREATE INDEX ix_outbox_card ON outbox (card_key, platform) WHERE card_key IS NOT NULL AND delivered_at IS NULL AND dead = 0;
