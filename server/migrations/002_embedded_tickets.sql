-- Tickets of the embedded connector. Unused (but harmless) when tickets live
-- in an upstream helpdesk.

CREATE SEQUENCE ticket_numbers START 1001;

CREATE TABLE tickets (
  id text PRIMARY KEY,
  number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_numbers'),
  subject text NOT NULL,
  status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
  raw_status text NOT NULL,
  requester_id text NOT NULL,
  requester_email text NOT NULL,
  requester_name text NOT NULL,
  organization_id text,
  organization_name text,
  service text,
  assignee text,
  fields jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The list queries: by requester or organisation, newest first, keyset-paginated.
CREATE INDEX tickets_requester_updated ON tickets (requester_email, updated_at DESC, id DESC);
CREATE INDEX tickets_org_updated ON tickets (organization_id, updated_at DESC, id DESC);
CREATE INDEX tickets_requester_created ON tickets (requester_email, created_at DESC, id DESC);
CREATE INDEX tickets_org_created ON tickets (organization_id, created_at DESC, id DESC);

CREATE TABLE ticket_messages (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  seq bigserial,
  author_name text NOT NULL,
  author_role text NOT NULL CHECK (author_role IN ('customer', 'agent')),
  author_email text,
  body_format text NOT NULL CHECK (body_format IN ('text', 'html', 'markdown')),
  body text NOT NULL,
  internal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, seq);

CREATE TABLE ticket_attachments (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  message_id text NOT NULL REFERENCES ticket_messages(id) ON DELETE CASCADE,
  name text NOT NULL,
  content_type text NOT NULL,
  size int NOT NULL,
  content bytea NOT NULL
);
CREATE INDEX ticket_attachments_message ON ticket_attachments (message_id);
