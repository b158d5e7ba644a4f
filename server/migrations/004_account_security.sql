-- Issue 9: proof of mailbox ownership, throttling without lockout, SSO replay.

-- When the address was shown to belong to the person: a mailed link used
-- (verification, reset, invitation, magic link), the host site's SSO, or an
-- agent who made the account with a password.
ALTER TABLE customers ADD COLUMN email_verified_at timestamptz;
UPDATE customers SET email_verified_at = created_at WHERE portal_access;
-- Accounts that registered themselves before verification existed never proved
-- the address: they lose access until they verify it (registering again, or a
-- reset link), and SSO drops the password they chose.
UPDATE customers c SET email_verified_at = NULL, portal_access = false
  WHERE EXISTS (SELECT 1 FROM access_log a WHERE a.customer_id = c.id AND a.event = 'registered')
    AND NOT EXISTS (SELECT 1 FROM access_log a WHERE a.customer_id = c.id
                    AND a.event IN ('sign-in', 'password-reset') AND a.method IN ('magic-link', 'reset', 'sso'));
DELETE FROM sessions s USING customers c WHERE c.id = s.customer_id AND NOT c.portal_access;

-- A registration waiting for its verification link: no customer record, no
-- organisation and no tickets until the link is used.
CREATE TABLE registrations (
  id text PRIMARY KEY,            -- sha256 of the mailed token
  email text NOT NULL,
  name text NOT NULL,
  locale text,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX registrations_email ON registrations (email);

-- Growing delays after failed sign-ins, per account (`acct:<email>`) and per
-- client address (`ip:<ip>`); replaces the hard lock.
DROP TABLE sign_in_throttle;
CREATE TABLE auth_throttle (
  key text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz
);

-- Requests for mail to an address (sign-in links, resets, verification),
-- known or not: a cooldown and a cap per address.
CREATE TABLE mail_requests (
  email text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_requests_email ON mail_requests (email, requested_at);

-- SSO tokens seen, by `jti` (or issued-at per person), kept until they expire.
CREATE TABLE sso_tokens_seen (
  key text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_tokens_seen_expires ON sso_tokens_seen (expires_at);

-- Anonymous tickets (where the portal allows them) are held back from every
-- list — the requester's and the organisation's — until the mailed link
-- confirms the request came from the address.
CREATE TABLE held_tickets (
  ticket_id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  organization_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz
);
CREATE INDEX held_tickets_email ON held_tickets (email) WHERE released_at IS NULL;
CREATE INDEX held_tickets_org ON held_tickets (organization_id) WHERE released_at IS NULL;
