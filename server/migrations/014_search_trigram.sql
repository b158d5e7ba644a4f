-- Issue 12 item 3 / issue 15: search finds a word anywhere in a ticket's
-- subject, its requester's name or address, or a message the customer sees
-- (ILIKE '%word%'). Trigram indexes let PostgreSQL answer that from an index
-- instead of reading every message: about 200–450 ms → 1–5 ms with 100,000
-- tickets (bench/gateway.bench.ts, `GET /tickets?q=`). pg_trgm is a trusted
-- extension (PostgreSQL 13+: the database's owner may create it); PGlite
-- loads it in server/db/database.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tickets_subject_trgm ON tickets USING gin (subject gin_trgm_ops);
CREATE INDEX tickets_requester_name_trgm ON tickets USING gin (requester_name gin_trgm_ops);
CREATE INDEX tickets_requester_email_trgm ON tickets USING gin (requester_email gin_trgm_ops);
CREATE INDEX ticket_messages_body_trgm ON ticket_messages USING gin (body gin_trgm_ops) WHERE NOT internal;
