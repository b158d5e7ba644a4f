import type { FastifyInstance } from 'fastify';
import { articleFeedbackSummary } from '../store/articles.js';
import { findCustomerById } from '../store/customers.js';
import { listRatings } from '../store/ticket-extras.js';

/**
 * What customers told the site owner (admin token, mounted at /admin/v1):
 * satisfaction ratings of solved tickets and "did this answer your
 * question?" per article (deflection).
 */
export async function adminFeedbackRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.get('/ratings', async () => {
    const ratings = await listRatings(db);
    const items = await Promise.all(
      ratings.map(async ({ customerId, ...r }) => {
        const c = await findCustomerById(db, customerId);
        return { ...r, customer: c ? { id: c.id, email: c.email, name: c.name } : null };
      }),
    );
    return { items };
  });

  app.get('/articles/feedback', async () => ({ items: await articleFeedbackSummary(db) }));
}
