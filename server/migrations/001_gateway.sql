-- The gateway's own store: people, sign-in, settings and everything that is
-- not a ticket. Ids are text so they read the same from PGlite and pg.

CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  auto_created boolean NOT NULL DEFAULT false,
  address text,
  phone text,
  account_manager_name text,
  account_manager_email text,
  -- Routing rule (OneDesk): new tickets of this organisation go to this agent or team.
  routing_assignee text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organization_domains (
  domain text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
);
CREATE INDEX organization_domains_org ON organization_domains (organization_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  phone text,
  locale text,
  role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'company')),
  organization_id text REFERENCES organizations(id) ON DELETE SET NULL,
  password_hash text,
  portal_access boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_org ON customers (organization_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,            -- sha256 of the token; the token itself is never stored
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('cookie', 'bearer')),
  csrf_token text NOT NULL,
  method text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_customer ON sessions (customer_id);

-- Magic-link, password-reset and portal-invitation tokens (hashed, single use).
CREATE TABLE auth_tokens (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('magic', 'reset')),
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Failed sign-ins per e-mail address, known or not, so lockout reveals nothing.
CREATE TABLE sign_in_throttle (
  email text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  first_failure_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

CREATE TABLE access_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  event text NOT NULL,
  method text NOT NULL,
  email text,
  customer_id text,
  ip text,
  user_agent text,
  detail text
);
CREATE INDEX access_log_email ON access_log (email, id DESC);

CREATE TABLE idempotency_records (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status int,                      -- null while the first request is still running
  content_type text,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_created ON idempotency_records (created_at);

CREATE TABLE uploads (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name text NOT NULL,
  content_type text NOT NULL,
  size int NOT NULL,
  path text NOT NULL,
  attached_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ticket_reads (
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  ticket_id text NOT NULL,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, ticket_id)
);

CREATE TABLE portal_settings (
  id int PRIMARY KEY CHECK (id = 1),
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE forms (
  id text PRIMARY KEY,
  position int NOT NULL DEFAULT 0,
  schema jsonb NOT NULL
);

CREATE TABLE articles (
  id text PRIMARY KEY,
  title text NOT NULL,
  excerpt text NOT NULL,
  body text NOT NULL DEFAULT '',
  url text NOT NULL,
  position int NOT NULL DEFAULT 0
);

CREATE TABLE chat_conversations (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('open', 'ended')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_conversations_customer ON chat_conversations (customer_id, updated_at DESC);

CREATE TABLE chat_messages (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
  seq bigserial,
  author_name text NOT NULL,
  author_role text NOT NULL CHECK (author_role IN ('customer', 'agent')),
  text text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, seq);

-- Server-sent events, kept a while so a client can resume with Last-Event-ID.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  requester_email text,
  organization_id text,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_requester ON events (requester_email, id);
CREATE INDEX events_org ON events (organization_id, id);
