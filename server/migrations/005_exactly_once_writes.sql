-- Issue 11: bounded uploads. An upload takes its room in the customer's hourly
-- quota when its bytes start to arrive (stored = false, size = the most it may
-- be); it can be attached only once all of them are on disk (stored = true).
ALTER TABLE uploads ADD COLUMN stored boolean NOT NULL DEFAULT true;
CREATE INDEX uploads_customer_created ON uploads (customer_id, created_at);
CREATE INDEX uploads_unattached ON uploads (created_at) WHERE attached_at IS NULL;
