/**
 * Issue 9 item 7: the mail a customer expects — every mail in the person's
 * language with the portal's name, notification mail when an agent answers
 * or solves a ticket (never for an internal note), a one-click opt-out that
 * a link scanner cannot trigger, and the site owner's own texts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATALOGUES, MAIL_KINDS } from '../../server/mail/templates.js';
import { ALL_LOCALES } from '../../src/protocol/index.js';
import {
  embeddedGateway,
  http,
  outboxFor,
  PortalClient,
  waitForMail,
  type RealGateway,
} from './helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from './helpers/world.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mail templates', () => {
  it('every mail exists in every locale, with the same placeholders as the English one', () => {
    for (const locale of ALL_LOCALES) {
      for (const kind of MAIL_KINDS) {
        const t = CATALOGUES[locale as keyof typeof CATALOGUES][kind];
        const en = CATALOGUES.en[kind];
        assert.deepEqual(placeholders(t.subject), placeholders(en.subject), `${locale} ${kind} subject`);
        assert.deepEqual(placeholders(t.text), placeholders(en.text), `${locale} ${kind} text`);
      }
    }
  });
});

describe('mail the customer gets (issue 9.7)', () => {
  let gw: RealGateway;
  let w: World;

  before(async () => {
    gw = await embeddedGateway()({
      settings: { portal: { name: 'Acme Hulp', logoUrl: 'https://cdn.example/acme.png' } },
      allowedOrigins: ['https://www.acme.example'],
      lockout: { freeFailuresPerIp: 100_000, mailCooldownSeconds: 0, mailsPerHour: 100 },
    });
    w = await makeWorld(gw.admin);
  });
  after(async () => {
    await gw?.close();
  });

  /** Waits until `email` has `count` mails, then a moment longer to be sure no more come. */
  const mailsSettled = async (email: string, count: number) => {
    await waitForMail(gw.dataDir, email, count);
    await sleep(300);
    return outboxFor(gw.dataDir, email);
  };

  it('a reset mail is in the customer’s language, with the portal’s name and logo', async () => {
    const bob = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
    assert.equal((await bob.patch('/me', { locale: 'nl' })).status, 200);
    const before = (await outboxFor(gw.dataDir, w.bob.email)).length;
    assert.equal((await http(`${gw.api}/password-reset`, { json: { email: w.bob.email } })).status, 202);
    const mail = (await waitForMail(gw.dataDir, w.bob.email, before + 1)).at(-1)!;
    assert.equal(mail.subject, 'Kies een nieuw wachtwoord voor Acme Hulp');
    assert.match(mail.text, /Kies een nieuw wachtwoord met deze link/);
    assert.match(mail.html ?? '', /<img src="https:\/\/cdn\.example\/acme\.png"/);
    assert.match(mail.html ?? '', /<a href="http:\/\/127\.0\.0\.1:\d+\/\?portico_reset=/);
  });

  it('in Hebrew the mail reads right to left, the logo on the name’s side', async () => {
    const email = `noa-${w.tag}@he.example`;
    await gw.admin.createUser({ email, password: PASSWORD, name: 'Noa' });
    const noa = await new PortalClient(gw.api).signIn(email, PASSWORD);
    assert.equal((await noa.patch('/me', { locale: 'he' })).status, 200);
    const before = (await outboxFor(gw.dataDir, email)).length;
    assert.equal((await http(`${gw.api}/password-reset`, { json: { email: email } })).status, 202);
    const mail = (await waitForMail(gw.dataDir, email, before + 1)).at(-1)!;
    assert.equal(mail.subject, 'בחירת סיסמה חדשה ל-Acme Hulp');
    assert.match(mail.html ?? '', /<html lang="he" dir="rtl">/);
    assert.match(mail.html ?? '', /<img [^>]*margin-left:8px/);
  });

  it('an unknown address asking in German gets nothing; a sign-up from a German browser is in German', async () => {
    const email = `neu-${w.tag}@${w.orgA.domain}`;
    const res = await http(`${gw.api}/register`, {
      json: { email, name: 'Neu', password: PASSWORD, consent: true },
      headers: { 'accept-language': 'fr;q=0.5, de-CH, en;q=0.8' },
    });
    assert.equal(res.status, 202);
    const [mail] = await waitForMail(gw.dataDir, email, 1);
    assert.match(mail!.subject, /^Bestätigen Sie Ihre E-Mail-Adresse für Acme Hulp$/);
  });

  it('a mailed link opens the page the person asked from when its origin is allowed, else the portal page', async () => {
    const ask = async (returnTo: string) => {
      const before = (await outboxFor(gw.dataDir, w.cat.email)).length;
      await http(`${gw.api}/session`, { json: { email: w.cat.email, magicLink: true, returnTo } });
      const mail = (await waitForMail(gw.dataDir, w.cat.email, before + 1)).at(-1)!;
      return /^(https?:\/\/\S+portico_magic=\S+)$/m.exec(mail.text)![1]!;
    };
    const onSite = new URL(await ask('https://www.acme.example/support/help?topic=vpn&portico_magic=old#faq'));
    assert.equal(onSite.origin + onSite.pathname, 'https://www.acme.example/support/help');
    assert.equal(onSite.searchParams.get('topic'), 'vpn');
    assert.notEqual(onSite.searchParams.get('portico_magic'), 'old');
    assert.equal(onSite.searchParams.get('email'), w.cat.email);
    assert.equal(onSite.hash, '');
    const elsewhere = new URL(await ask('https://evil.example/phish'));
    assert.equal(elsewhere.origin + elsewhere.pathname, 'http://127.0.0.1:8787/');
    const notUrl = new URL(await ask('javascript:alert(1)'));
    assert.equal(notUrl.origin, 'http://127.0.0.1:8787');
  });

  it('an agent’s answer is mailed to the requester with its text and a link; an internal note is not', async () => {
    const cat = await new PortalClient(gw.api).signIn(w.cat.email, PASSWORD);
    const ticket = (await cat.post('/tickets', generalTicket('Printer on fire'))).body;
    const before = (await outboxFor(gw.dataDir, w.cat.email)).length;
    await gw.admin.reply(ticket.id, 'Internal: customer is on the old plan', { internal: true });
    await gw.admin.reply(ticket.id, '<p>Please <b>unplug</b> it &amp; wait.</p>', { html: true, author: 'Dana' });
    const mails = (await mailsSettled(w.cat.email, before + 1)).slice(before);
    assert.equal(mails.length, 1, mails.map((m) => m.subject).join(' | '));
    const [mail] = mails;
    assert.equal(mail!.subject, `New reply on ticket #${ticket.number}: Printer on fire`);
    assert.match(mail!.text, /Dana replied to your ticket "Printer on fire":\n\nPlease unplug it & wait\./);
    assert.doesNotMatch(mail!.text, /old plan/);
    assert.match(mail!.text, new RegExp(`/portal\\.html#/ticket/${ticket.id}`));
    assert.match(mail!.headers['list-unsubscribe'] ?? '', /^<http:\/\/127\.0\.0\.1:\d+\/mail\/opt-out\?t=[\w-]+>$/);
    assert.equal(mail!.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  });

  it('a solved ticket is mailed once, however often it changes while solved', async () => {
    const dan = await new PortalClient(gw.api).signIn(w.dan.email, PASSWORD);
    const ticket = (await dan.post('/tickets', generalTicket('Screen flickers'))).body;
    await gw.admin.setStatus(ticket.id, 'solved');
    await gw.admin.setStatus(ticket.id, 'solved');
    const mails = await mailsSettled(w.dan.email, 1);
    assert.deepEqual(
      mails.map((m) => m.subject),
      [`Ticket #${ticket.number} is solved: Screen flickers`],
    );
    // Reopened by the customer, solved again: that is a new solution, mailed again.
    assert.equal(
      (await dan.post(`/tickets/${ticket.id}/messages`, { body: { format: 'text', content: 'Still flickers' } }))
        .status,
      201,
    );
    await gw.admin.setStatus(ticket.id, 'solved');
    assert.equal((await mailsSettled(w.dan.email, 2)).length, 2);
  });

  it('the opt-out link asks on GET, stops notification mail on POST, and the profile turns it back on', async () => {
    const alice = await new PortalClient(gw.api).signIn(w.alice.email, PASSWORD);
    const ticket = (await alice.post('/tickets', generalTicket('VPN drops'))).body;
    await gw.admin.reply(ticket.id, 'Which client version?');
    const [first] = await waitForMail(gw.dataDir, w.alice.email, 1);
    // The link names the gateway's public URL; this one listens on a port of its own.
    const link = /<(.*)>/.exec(first!.headers['list-unsubscribe']!)![1]!.replace(/^https?:\/\/[^/]+/, gw.origin);

    const page = await http(link, { headers: { 'accept-language': 'nl' } });
    assert.equal(page.status, 200);
    assert.match(page.text, /Geen e-mails meer van Acme Hulp over je meldingen\?/);
    assert.equal((await alice.get('/me')).body.mailNotifications, true, 'a GET (a link scanner) changes nothing');

    // RFC 8058 one-click: what a mail client posts.
    const done = await http(link, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(done.status, 200);
    assert.match(done.text, /no more e-mails about your tickets/);
    assert.equal((await alice.get('/me')).body.mailNotifications, false);
    await gw.admin.reply(ticket.id, 'Any news?');
    assert.equal((await mailsSettled(w.alice.email, 1)).length, 1, 'no mail after opting out');

    const unknown = await http(link.replace(/t=[\w-]+/, 't=not-a-token'), { method: 'POST' });
    assert.equal(unknown.status, 404);

    assert.equal((await alice.patch('/me', { mailNotifications: true })).status, 200);
    await gw.admin.reply(ticket.id, 'Fixed in 2.4');
    assert.equal((await mailsSettled(w.alice.email, 2)).length, 2);
  });

  it('reply and solved notifications are in each requester’s own language: Dutch for one, English for another', async () => {
    const person = async (email: string, locale: string) => {
      await gw.admin.createUser({ email, password: PASSWORD, name: locale === 'nl' ? 'Noor' : 'Nora' });
      const c = await new PortalClient(gw.api).signIn(email, PASSWORD);
      assert.equal((await c.patch('/me', { locale })).status, 200);
      const ticket = (await c.post('/tickets', generalTicket(`Scanner ${locale}`))).body;
      await gw.admin.reply(ticket.id, 'Zet hem uit en aan. / Turn it off and on.', { author: 'Dana' });
      await gw.admin.setStatus(ticket.id, 'solved');
      return { ticket, mails: await mailsSettled(email, 2) };
    };
    const [nl, en] = await Promise.all([
      person(`noor-${w.tag}@nl.example`, 'nl'),
      person(`nora-${w.tag}@en.example`, 'en'),
    ]);
    assert.deepEqual(
      nl.mails.map((m) => m.subject),
      [
        `Nieuw antwoord op melding #${nl.ticket.number}: Scanner nl`,
        `Melding #${nl.ticket.number} is opgelost: Scanner nl`,
      ],
    );
    assert.match(nl.mails[0]!.text, /^Hallo Noor,\n\nDana heeft gereageerd op je melding "Scanner nl":\n\nZet hem uit/);
    assert.match(nl.mails[1]!.text, /Je melding "Scanner nl" is als opgelost gemarkeerd\./);
    assert.match(nl.mails[0]!.html ?? '', /<html lang="nl"/);
    assert.deepEqual(
      en.mails.map((m) => m.subject),
      [`New reply on ticket #${en.ticket.number}: Scanner en`, `Ticket #${en.ticket.number} is solved: Scanner en`],
    );
    assert.match(en.mails[0]!.text, /^Hello Nora,\n\nDana replied to your ticket "Scanner en":/);
    assert.match(en.mails[1]!.text, /Your ticket "Scanner en" has been marked as solved\./);
  });

  it('the site owner’s own text replaces the built-in one, for that language only', async () => {
    await gw.admin.settings({
      server: {
        mailTemplates: { 'agent-reply': { en: { subject: '[{portal}] #{number} answered by {agent}' } } },
      },
    });
    const bob = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
    await bob.patch('/me', { locale: 'en' });
    const ticket = (await bob.post('/tickets', generalTicket('Label printer'))).body;
    const before = (await outboxFor(gw.dataDir, w.bob.email)).length;
    // Settings are cached for a few seconds; the mail reads them when it is sent.
    await sleep(5200);
    await gw.admin.reply(ticket.id, 'Try the blue cable', { author: 'Eve' });
    const mail = (await waitForMail(gw.dataDir, w.bob.email, before + 1)).at(-1)!;
    assert.equal(mail.subject, `[Acme Hulp] #${ticket.number} answered by Eve`);
    assert.match(mail.text, /Try the blue cable/);
  });
});
