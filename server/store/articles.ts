import { randomUUID } from 'node:crypto';
import type { Article, ArticleDetail } from '../../src/protocol/index.js';
import { searchTerms } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';

export interface ArticleInput {
  id?: string;
  title: string;
  excerpt: string;
  body?: string;
  url: string;
  /** The article's language; `en` when absent. */
  locale?: string;
}

interface ArticleRow {
  id: string;
  title: string;
  excerpt: string;
  body: string;
  url: string;
  locale: string;
}

const toArticle = ({ id, title, excerpt, url, locale }: ArticleRow): Article => ({ id, title, excerpt, url, locale });

export async function saveArticle(db: Queryable, a: ArticleInput, position = 0): Promise<Article> {
  const id = a.id ?? randomUUID();
  const locale = a.locale ?? 'en';
  await db.query(
    `INSERT INTO articles (id, title, excerpt, body, url, position, locale) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, excerpt = EXCLUDED.excerpt, body = EXCLUDED.body,
       url = EXCLUDED.url, position = EXCLUDED.position, locale = EXCLUDED.locale`,
    [id, a.title, a.excerpt, a.body ?? '', a.url, position, locale],
  );
  return { id, title: a.title, excerpt: a.excerpt, url: a.url, locale };
}

/**
 * Knowledge search (the suggestions while someone types, and the article
 * list): an article matches when any of the query's stems (src/protocol/knowledge.ts)
 * occurs in its title, excerpt or body; two points per stem in the title,
 * one elsewhere; articles in the asker's language before others at equal rank.
 * No query: the articles in order, the asker's language first.
 */
export async function searchArticles(
  db: Queryable,
  q: string,
  { locale = 'en', limit = 5 }: { locale?: string; limit?: number } = {},
): Promise<Article[]> {
  const lang = locale.toLowerCase().split('-')[0]!;
  const patterns = searchTerms(q, lang).map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
  if (q.trim() && !patterns.length) return [];
  const rows = await db.query<ArticleRow>(
    `SELECT id, title, excerpt, url, locale FROM (
       SELECT id, title, excerpt, url, locale, position,
         (SELECT coalesce(sum(CASE WHEN lower(a.title) LIKE p THEN 2
                                   WHEN lower(a.excerpt) LIKE p OR lower(a.body) LIKE p THEN 1 ELSE 0 END), 0)
          FROM unnest($1::text[]) p)::int AS score
       FROM articles a) ranked
     WHERE cardinality($1::text[]) = 0 OR score > 0
     ORDER BY score DESC, (locale = $3) DESC, position, title
     LIMIT $2`,
    [patterns, limit, lang],
  );
  return rows.map(toArticle);
}

export async function getArticle(db: Queryable, id: string): Promise<ArticleDetail | null> {
  const rows = await db.query<ArticleRow>('SELECT id, title, excerpt, body, url, locale FROM articles WHERE id = $1', [
    id,
  ]);
  const row = rows[0];
  return row ? { ...toArticle(row), body: row.body } : null;
}

export async function recordArticleFeedback(
  db: Queryable,
  articleId: string,
  helpful: boolean,
  customerId: string | null,
): Promise<void> {
  await db.query('INSERT INTO article_feedback (article_id, helpful, customer_id) VALUES ($1, $2, $3)', [
    articleId,
    helpful,
    customerId,
  ]);
}

/** For the site owner: per article, how often it answered the question and how often not. */
export async function articleFeedbackSummary(
  db: Queryable,
): Promise<Array<{ articleId: string; title: string; helpful: number; notHelpful: number }>> {
  const rows = await db.query<{ article_id: string; title: string; helpful: number; not_helpful: number }>(
    `SELECT a.id AS article_id, a.title,
       count(*) FILTER (WHERE f.helpful)::int AS helpful,
       count(*) FILTER (WHERE NOT f.helpful)::int AS not_helpful
     FROM article_feedback f JOIN articles a ON a.id = f.article_id
     GROUP BY a.id, a.title ORDER BY count(*) DESC, a.title`,
  );
  return rows.map((r) => ({ articleId: r.article_id, title: r.title, helpful: r.helpful, notHelpful: r.not_helpful }));
}
