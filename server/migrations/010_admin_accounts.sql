-- Issue 13: the site owner's console. Admin accounts (site owners and agents)
-- with passwords, their own sessions (never a customer's), and the audit log
-- of every admin action. The bearer admin token stays, for automation.
CREATE TABLE admin_accounts (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,      -- lower-cased
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'agent')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_sessions (
  id text PRIMARY KEY,             -- sha256 of the cookie's token
  account_id text NOT NULL REFERENCES admin_accounts (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX admin_sessions_account ON admin_sessions (account_id);

CREATE TABLE admin_audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,             -- the admin's e-mail, or 'token' for the bearer token
  role text NOT NULL,              -- owner | agent
  action text NOT NULL,            -- 'PATCH /settings', 'sign-in', …
  target text,                     -- the id in the path, if any
  status int NOT NULL,
  ip text
);
CREATE INDEX admin_audit_log_at ON admin_audit_log (at DESC, id DESC);
