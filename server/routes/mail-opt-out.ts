import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { matchAcceptLanguage } from '../../src/protocol/index.js';
import { mailLocale, optOutPage } from '../mail/templates.js';
import { optOutOfMail } from '../store/mail-notices.js';

/**
 * `/mail/opt-out?t=…`, the link at the foot of every notification mail:
 * GET asks (mail scanners follow links), POST turns notification mail off —
 * also RFC 8058's one-click POST from the mail client (`List-Unsubscribe-Post`).
 */
export async function mailOptOutRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  // The one-click body is `List-Unsubscribe=One-Click`; the token is in the URL, so the body is not read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) =>
    done(null, {}),
  );
  const query = Type.Object({ t: Type.String({ maxLength: 100 }) });
  const config = { auth: 'public' } as const;

  const page = async (reply: FastifyReply, state: 'ask' | 'done' | 'unknown', token: string) => {
    const { portal } = await app.settings.get();
    const locale = mailLocale(matchAcceptLanguage(reply.request.headers['accept-language']), portal.defaultLocale);
    return reply
      .code(state === 'unknown' ? 404 : 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(optOutPage(locale, portal.name, state, token));
  };

  app.get('/mail/opt-out', { schema: { querystring: query }, config }, (req, reply) => page(reply, 'ask', req.query.t));
  app.post('/mail/opt-out', { schema: { querystring: query }, config }, async (req, reply) =>
    page(reply, (await optOutOfMail(app.db, req.query.t)) ? 'done' : 'unknown', req.query.t),
  );
}
