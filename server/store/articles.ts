import { randomUUID } from 'node:crypto';
import type { Article } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';

export interface ArticleInput {
  id?: string;
  title: string;
  excerpt: string;
  body?: string;
  url: string;
}

export async function saveArticle(db: Queryable, a: ArticleInput, position = 0): Promise<Article> {
  const id = a.id ?? randomUUID();
  await db.query(
    `INSERT INTO articles (id, title, excerpt, body, url, position) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, excerpt = EXCLUDED.excerpt, body = EXCLUDED.body,
       url = EXCLUDED.url, position = EXCLUDED.position`,
    [id, a.title, a.excerpt, a.body ?? '', a.url, position],
  );
  return { id, title: a.title, excerpt: a.excerpt, url: a.url };
}

/**
 * Suggestions while someone types (deflection): every word must appear in the
 * title, excerpt or body; title hits first. No query: the first few articles.
 */
export async function searchArticles(db: Queryable, q: string, limit = 5): Promise<Article[]> {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .slice(0, 8);
  const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
  const rows = await db.query<Article & { score: number }>(
    `SELECT id, title, excerpt, url,
       (SELECT count(*) FROM unnest($1::text[]) p WHERE lower(title) LIKE p)::int AS score
     FROM articles a
     WHERE NOT EXISTS (
       SELECT 1 FROM unnest($1::text[]) p
       WHERE lower(a.title) NOT LIKE p AND lower(a.excerpt) NOT LIKE p AND lower(a.body) NOT LIKE p)
     ORDER BY score DESC, position, title LIMIT $2`,
    [patterns, limit],
  );
  return rows.map(({ id, title, excerpt, url }) => ({ id, title, excerpt, url }));
}
