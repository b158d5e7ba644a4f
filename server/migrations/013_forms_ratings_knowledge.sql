-- Issue 12: the form a ticket was raised with (its field labels), the
-- requester's satisfaction rating, the articles' language, and "did this
-- answer your question?" answers. The gateway's own data, for every connector.

CREATE TABLE ticket_forms (
  ticket_id text PRIMARY KEY,
  form_id text NOT NULL
);

CREATE TABLE ticket_ratings (
  ticket_id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  score int NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text,
  rated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_ratings_rated ON ticket_ratings (rated_at DESC);

ALTER TABLE articles ADD COLUMN locale text NOT NULL DEFAULT 'en';

CREATE TABLE article_feedback (
  id bigserial PRIMARY KEY,
  article_id text NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  helpful boolean NOT NULL,
  customer_id text REFERENCES customers(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX article_feedback_article ON article_feedback (article_id);
