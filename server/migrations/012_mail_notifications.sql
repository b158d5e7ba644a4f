-- Notification mail (an agent's answer, a solved ticket): each customer may opt out with a
-- one-click link that carries a random token; the last status mailed about per ticket, so
-- "solved" is mailed when a ticket becomes solved, not on every later change while it is.
ALTER TABLE customers ADD COLUMN mail_notifications boolean NOT NULL DEFAULT true;
ALTER TABLE customers ADD COLUMN mail_token text UNIQUE;

CREATE TABLE ticket_mail_status (
  ticket_id text PRIMARY KEY,
  status text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
