-- Changes made in an upstream helpdesk (RT) that a gateway instance has turned
-- into live events: with several instances on one server, only the first to
-- claim a change publishes it. Purged after a day.
CREATE TABLE relayed_changes (
  key text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relayed_changes_created ON relayed_changes (created_at);
