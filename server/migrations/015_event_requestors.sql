-- Issue 14 item 8: every requestor of a ticket sees it as their own (RT's
-- Requestors), so every one of them gets its live events, not only the first.
-- requester_email keeps the first; also_emails the others (lower-case).
ALTER TABLE events ADD COLUMN also_emails text[] NOT NULL DEFAULT '{}';
