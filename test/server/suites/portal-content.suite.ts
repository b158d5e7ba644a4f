/**
 * Issue 12 over HTTP, on any backend: forms offered per organisation, the
 * ticket's form and its satisfaction rating (stored by the gateway, read by
 * the site owner), and the knowledge base — search by any word with stems,
 * one article, and "did this answer your question?" recorded for the site owner.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FormSchema } from '../../../src/protocol/index.js';
import {
  GENEROUS_LIMITS,
  http,
  PortalClient,
  type GatewayUnderTest,
  type MakeGateway,
} from '../helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../helpers/world.js';

export function portalContentSuite(label: string, makeGateway: MakeGateway): void {
  describe(`forms, ratings and knowledge — ${label}`, () => {
    let gw: GatewayUnderTest;
    let w: World;
    const as = (email: string) => new PortalClient(gw.api).signIn(email, PASSWORD);

    before(async () => {
      gw = await makeGateway({ rateLimit: GENEROUS_LIMITS });
      w = await makeWorld(gw.admin);
    });
    after(async () => gw?.close());

    it('offers a form only to the organisations it names: listed, served and accepted for them alone', async () => {
      const id = `org-a-only-${w.tag}`;
      const form: FormSchema = {
        id,
        name: { en: `Org A request ${w.tag}` },
        description: { en: 'Only for Org A.' },
        organizations: [w.orgA.id],
        fields: [
          { id: 'subject', type: 'text', label: { en: 'Subject' }, required: true },
          { id: 'description', type: 'textarea', label: { en: 'Description' }, required: true },
          { id: 'room', type: 'text', label: { en: 'Room', nl: 'Ruimte' } },
        ],
      };
      await gw.admin.saveForm(form);
      const alice = await as(w.alice.email);
      const cat = await as(w.cat.email);

      const aliceForms = (await alice.get('/forms')).body.items as Array<Record<string, unknown>>;
      const mine = aliceForms.find((f) => f.id === id);
      assert.ok(mine, 'a member of Org A sees the form');
      assert.equal(mine.description && (mine.description as Record<string, string>).en, 'Only for Org A.');
      assert.equal('organizations' in mine, false, 'the organisation list never leaves the gateway');
      const served = await alice.get(`/forms/${id}`);
      assert.equal(served.status, 200);
      assert.equal('organizations' in served.body, false);

      assert.ok(!(await cat.get('/forms')).body.items.some((f: { id: string }) => f.id === id), 'Org B does not');
      assert.equal((await cat.get(`/forms/${id}`)).status, 404);
      assert.ok(
        !(await http(`${gw.api}/forms`)).body.items.some((f: { id: string }) => f.id === id),
        'nor anyone signed out',
      );
      assert.ok((await http(`${gw.api}/forms`)).body.items.some((f: { id: string }) => f.id === 'access-request'));

      const request = {
        formId: id,
        subject: 'Projector',
        body: { format: 'text', content: 'Broken' },
        fields: { room: 'B2' },
      };
      const refused = await cat.post('/tickets', request);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.errors[0].field, 'formId');
      const made = await alice.post('/tickets', request);
      assert.equal(made.status, 201, made.text);
      assert.equal(made.body.formId, id);
    });

    it('names the ticket’s form on a single read, not in the list', async () => {
      const bob = await as(w.bob.email);
      const made = await bob.post('/tickets', {
        formId: 'access-request',
        subject: `Access ${w.tag}`,
        body: { format: 'text', content: 'VPN please' },
        fields: {
          system: 'vpn',
          'start-date': '2026-01-05',
          'manager-email': 'boss@example.com',
          reason: 'Remote work',
        },
      });
      assert.equal(made.status, 201, made.text);
      const one = await bob.get(`/tickets/${made.body.id}`);
      assert.equal(one.body.formId, 'access-request');
      assert.equal(one.body.fields.system, 'vpn');
      assert.equal(one.body.rating, null);
      assert.equal(one.body.permissions.canRate, false, 'an open ticket is not rated yet');
      const list = await bob.get('/tickets');
      const row = list.body.items.find((t: { id: string }) => t.id === made.body.id);
      assert.equal('formId' in row, false);
    });

    it('takes the requester’s rating of a solved ticket, replaces it on a repeat, and shows it to the site owner', async () => {
      const bob = await as(w.bob.email);
      const alice = await as(w.alice.email);
      const made = await bob.post('/tickets', generalTicket(`Rate me ${w.tag}`));
      const id = made.body.id as string;
      const early = await bob.post(`/tickets/${id}/rating`, { score: 5 });
      assert.equal(early.status, 403, 'not before it is solved');
      assert.equal(early.body.code, 'rate-forbidden');

      await gw.admin.setStatus(id, 'solved');
      const ticket = await bob.get(`/tickets/${id}`);
      assert.equal(ticket.body.permissions.canRate, true);
      const colleague = await alice.get(`/tickets/${id}`);
      assert.equal(colleague.status, 200, 'a company colleague sees it');
      assert.equal(colleague.body.permissions.canRate, false, 'but only the requester rates it');
      assert.equal((await alice.post(`/tickets/${id}/rating`, { score: 1 })).status, 403);

      const bad = await bob.post(`/tickets/${id}/rating`, { score: 6 });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.errors[0].field, 'score');
      assert.equal(bad.body.errors[0].code, 'one-of');
      const long = await bob.post(`/tickets/${id}/rating`, { score: 3, comment: 'x'.repeat(2001) });
      assert.equal(long.status, 422);
      assert.equal(long.body.errors[0].code, 'max-length');

      const first = await bob.post(`/tickets/${id}/rating`, { score: 2, comment: 'Slow' });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.score, 2);
      const second = await bob.post(`/tickets/${id}/rating`, { score: 4, comment: '  Solved in the end  ' });
      assert.equal(second.body.score, 4);
      assert.equal(second.body.comment, 'Solved in the end');
      const reread = await bob.get(`/tickets/${id}`);
      assert.deepEqual(
        { score: reread.body.rating.score, comment: reread.body.rating.comment },
        { score: 4, comment: 'Solved in the end' },
      );

      const owner = await gw.admin.call<{ items: Array<Record<string, any>> }>('GET', '/ratings');
      const mine = owner.items.filter((r) => r.ticketId === id);
      assert.equal(mine.length, 1, 'one rating per ticket');
      assert.equal(mine[0]!.score, 4);
      assert.equal(mine[0]!.customer.email, w.bob.email);
      assert.equal(
        (await http(`${gw.origin}/admin/v1/ratings`)).status,
        401,
        'the site owner’s, behind the admin token',
      );
    });

    it('finds articles by any word, by stem and in the asker’s language first', async () => {
      const tag = w.tag;
      await gw.admin.call('PUT', `/articles/pw-en-${tag}`, {
        title: `Reset your password ${tag}`,
        excerpt: 'Forgot your password? Ask for a reset link.',
        body: 'Open **Forgot password** on the sign-in page.',
        url: 'https://kb.example/pw',
      });
      await gw.admin.call('PUT', `/articles/pw-nl-${tag}`, {
        title: `Wachtwoord vergeten ${tag}`,
        excerpt: 'Vraag een herstellink aan.',
        body: 'Kies **Wachtwoord vergeten**.',
        url: 'https://kb.example/nl/pw',
        locale: 'nl',
      });
      const search = async (q: string, locale?: string) =>
        (await http(`${gw.api}/articles?q=${encodeURIComponent(q)}${locale ? `&locale=${locale}` : ''}&limit=50`)).body
          .items as Array<{ id: string; locale: string }>;

      const forgot = await search(`I forgot my password ${tag}`);
      assert.equal(forgot[0]?.id, `pw-en-${tag}`, 'not every word needs to match');
      const plural = (await search('passwords resetting')).map((a) => a.id);
      assert.ok(plural.includes(`pw-en-${tag}`), 'English stems: passwords → password, resetting → reset');
      const dutch = (await search('wachtwoorden vergeten', 'nl')).map((a) => a.id);
      assert.equal(dutch[0], `pw-nl-${tag}`, 'Dutch stems, Dutch first');
      assert.deepEqual(await search(`zebra${tag}`), []);
      assert.deepEqual(await search('the and of'), [], 'filler words alone find nothing');
      assert.ok((await search('')).length > 0, 'no words: the first articles (the list)');

      const one = await http(`${gw.api}/articles/pw-nl-${tag}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.body, 'Kies **Wachtwoord vergeten**.');
      assert.equal(one.body.locale, 'nl');
      assert.equal((await http(`${gw.api}/articles/nope-${tag}`)).status, 404);
    });

    it('records “did this answer your question?” for the site owner', async () => {
      const id = `fb-${w.tag}`;
      await gw.admin.call('PUT', `/articles/${id}`, {
        title: `Feedback ${w.tag}`,
        excerpt: 'x',
        url: 'https://kb.example/fb',
      });
      const yes = await http(`${gw.api}/articles/${id}/feedback`, { json: { helpful: true } });
      assert.equal(yes.status, 204, yes.text);
      const bob = await as(w.bob.email);
      assert.equal((await bob.post(`/articles/${id}/feedback`, { helpful: false })).status, 204);
      assert.equal((await bob.post(`/articles/${id}/feedback`, { helpful: 'yes' })).status, 400);
      assert.equal((await http(`${gw.api}/articles/nope-${w.tag}/feedback`, { json: { helpful: true } })).status, 404);
      const owner = await gw.admin.call<{ items: Array<Record<string, unknown>> }>('GET', '/articles/feedback');
      assert.deepEqual(
        owner.items.find((r) => r.articleId === id),
        { articleId: id, title: `Feedback ${w.tag}`, helpful: 1, notHelpful: 1 },
      );
    });
  });
}
