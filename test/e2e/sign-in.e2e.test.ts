/**
 * The ways in that go through an e-mail, as a customer lives them: ask in the
 * launcher, read the mail the gateway wrote to its outbox, open the link in
 * the browser, finish the flow, end up signed in. And the way out: the
 * account menu's sign-out. Embedded store only: this is about the browser
 * and the gateway's account routes, not about where tickets live.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { outboxFor } from '../server/helpers/gateway-harness.js';
import {
  clickAccessible,
  connectorFromEnv,
  createTicketAs,
  DEMO_PASSWORD,
  type Gateway,
  launchBrowser,
  mailedLink,
  openLauncher,
  openPage,
  type OpenedPage,
  RUN,
  signInThroughPanel,
  startGateway,
  unexpectedProblems,
} from './harness.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'sign-in flows run with the embedded connector only';

/** One of the gateway's demo pages (the launcher page unless said) in Dutch: the same page with `<html lang="nl">`. */
async function inDutch(context: BrowserContext, gw: Gateway, pathname = '/'): Promise<void> {
  await context.route(
    (url) => url.origin === gw.origin && url.pathname === pathname,
    async (route) => {
      const response = await route.fetch();
      const page = await response.text();
      const body = page.replace(/<html[^>]*>/, '<html lang="nl">');
      // A page whose <html> tag changed shape must fail here, not quietly stay English.
      assert.notEqual(body, page, 'the demo page has no <html> tag to set lang on');
      await route.fulfill({ response, body });
    },
  );
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of the full-page portal's ways in, in English and Dutch. */
const PORTAL_WORDS = {
  en: {
    forgot: 'Forgot password?',
    email: 'Email address',
    sendReset: 'Send reset link',
    sendMagic: 'Email me a sign-in link',
    inbox: 'Check your inbox',
    choose: 'Choose a new password',
    newPassword: 'New password',
    save: 'Save password and sign in',
    sections: 'Portal sections',
    overview: 'Overview',
    account: 'Account',
  },
  nl: {
    forgot: 'Wachtwoord vergeten?',
    email: 'E-mailadres',
    sendReset: 'Resetlink versturen',
    sendMagic: 'Stuur mij een inloglink',
    inbox: 'Kijk in je inbox',
    choose: 'Kies een nieuw wachtwoord',
    newPassword: 'Nieuw wachtwoord',
    save: 'Wachtwoord opslaan en inloggen',
    sections: 'Onderdelen van het portaal',
    overview: 'Overzicht',
    account: 'Account',
  },
} as const;

async function expectTokenGone(page: Page, param: string): Promise<void> {
  await page.waitForFunction((p) => !location.search.includes(p), param);
  assert.ok(!page.url().includes(param), `the token is still in the address bar: ${page.url()}`);
}

describe('signing in through mailed links, and out', { skip }, () => {
  let gw: Gateway;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await gw?.close();
  });

  async function visit(url: string, setup?: (context: BrowserContext) => Promise<unknown>): Promise<OpenedPage> {
    const o = await openPage(browser, url, { setup });
    opened.push(o);
    return o;
  }

  /** A customer with portal access and a password, as the site owner makes one. */
  async function makeCustomer(email: string, name: string, password: string): Promise<void> {
    const made = await fetch(`${gw.origin}/admin/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, name, password }),
    });
    assert.equal(made.status, 201, await made.text());
  }

  /** What a password sign-in answers now. */
  const signInStatus = (email: string, password: string) =>
    fetch(`${gw.origin}/portico/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, mode: 'bearer' }),
    }).then(async (r) => {
      await r.body?.cancel();
      return r.status;
    });

  test('forgot password → mail → link → new password → signed in (English)', async () => {
    const email = 'dave@acme.example';
    const { page, problems } = await visit(`${gw.origin}/`);
    await openLauncher(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Forgot password?' }).click();
    await dialog.getByLabel('Email address').fill(email);
    await dialog.getByRole('button', { name: 'Send reset link' }).click();
    await dialog.getByText('Check your inbox').waitFor();

    const link = await mailedLink(gw, email, 'portico_reset');
    // The same browser, a new tab: the person clicks the link in their mail.
    const tab = await page.context().newPage();
    await tab.goto(link);
    await expectTokenGone(tab, 'portico_reset');
    const panel = tab.getByRole('dialog');
    await panel.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await panel.getByText('At least 8 characters.').waitFor();
    assert.equal(await panel.getByLabel('Email address').inputValue(), email, 'the address comes from the link');

    await panel.getByLabel('New password').fill('short');
    await panel.getByRole('button', { name: 'Save password and sign in' }).click();
    await panel.getByRole('alert').getByText('New password must be at least 8 characters.').waitFor();

    await panel.getByLabel('New password').fill('a-new-password-for-dave');
    await panel.getByRole('button', { name: 'Save password and sign in' }).click();
    await panel.getByRole('tab', { name: 'Tickets' }).or(panel.getByRole('grid')).first().waitFor();

    // The old password is gone, the new one works.
    const signIn = (password: string) =>
      fetch(`${gw.origin}/portico/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, mode: 'bearer' }),
      }).then((r) => r.status);
    assert.equal(await signIn(DEMO_PASSWORD), 401);
    assert.equal(await signIn('a-new-password-for-dave'), 200);

    // The link was used: opening it again (on another device, say) tells so and offers a new one.
    const { page: again } = await visit(link);
    const second = again.getByRole('dialog');
    await second.getByLabel('New password').fill('another-password-1');
    await second.getByRole('button', { name: 'Save password and sign in' }).click();
    await second.getByRole('heading', { name: 'This link does not work any more' }).waitFor();
    await second.getByText('This link has expired or was used already. Ask for a new one.').waitFor();
    await second.getByRole('button', { name: 'Send me a new link' }).click();
    await second.getByRole('heading', { name: 'Reset your password' }).waitFor();
    assert.equal(await second.getByLabel('Email address').inputValue(), email);
    assert.deepEqual(
      unexpectedProblems(problems),
      [],
      'the first tab had no errors (the dead link answers 422 in the other tab)',
    );
  });

  test('invitation (enable-access) → link → password → signed in (Dutch)', async () => {
    const email = `invited.${Date.now()}@acme.example`;
    const admin = (p: string, body: unknown) =>
      fetch(`${gw.origin}/admin/v1${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => {
        const text = await r.text();
        assert.ok(r.ok, `admin ${p}: ${r.status} ${text}`);
        return JSON.parse(text) as { id: string };
      });
    const contact = await admin('/customers', { email, name: 'Ida Uitgenodigd' });
    await admin(`/customers/${contact.id}/portal-access`, {});

    const link = await mailedLink(gw, email, 'portico_reset');
    const { page, problems } = await visit(link, (context) => inDutch(context, gw));
    await expectTokenGone(page, 'portico_reset');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Kies een nieuw wachtwoord' }).waitFor();
    await dialog.getByText('Minstens 8 tekens.').waitFor();
    await dialog.getByLabel('Nieuw wachtwoord').fill('ida-eigen-wachtwoord');
    await dialog.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
    await dialog.getByRole('tab', { name: 'Meldingen' }).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('magic link → signed in, with the panel open (Dutch)', async () => {
    const email = 'carol@acme.example';
    const { page, problems } = await visit(`${gw.origin}/`, (context) => inDutch(context, gw));
    await clickAccessible(page, 'button', 'Ondersteuning openen');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mailadres').fill(email);
    await dialog.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await dialog.getByRole('heading', { name: 'Kijk in je inbox' }).waitFor();

    const link = await mailedLink(gw, email, 'portico_magic');
    // Asked from a Dutch page, the mail is Dutch too (whatever the browser's own language).
    assert.match((await outboxFor(gw.dataDir, email)).at(-1)!.subject, /^Inloggen bij /);
    await page.goto(link);
    await expectTokenGone(page, 'portico_magic');
    await expectTokenGone(page, 'email=');
    // Signed in, panel open, without typing anything.
    await dialog.getByRole('tab', { name: 'Meldingen' }).waitFor();
    await dialog.getByRole('button', { name: 'Account' }).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('forgot password → mail → link → new password → signed in (Dutch)', async () => {
    const email = `vergeten.${Date.now()}@acme.example`;
    const made = await fetch(`${gw.origin}/admin/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Vera Vergeten', password: 'vera-oud-wachtwoord' }),
    });
    assert.equal(made.status, 201, await made.text());
    const { page, problems } = await visit(`${gw.origin}/`, (context) => inDutch(context, gw));
    await clickAccessible(page, 'button', 'Ondersteuning openen');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Wachtwoord vergeten?' }).click();
    await dialog.getByLabel('E-mailadres').fill(email);
    await dialog.getByRole('button', { name: 'Resetlink versturen' }).click();
    await dialog.getByRole('heading', { name: 'Kijk in je inbox' }).waitFor();
    const link = await mailedLink(gw, email, 'portico_reset');
    assert.match((await outboxFor(gw.dataDir, email)).at(-1)!.subject, /^Kies een nieuw wachtwoord voor /);
    await page.goto(link);
    await expectTokenGone(page, 'portico_reset');
    await dialog.getByRole('heading', { name: 'Kies een nieuw wachtwoord' }).waitFor();
    await dialog.getByLabel('Nieuw wachtwoord').fill('vera-nieuw-wachtwoord');
    await dialog.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
    await dialog.getByRole('tab', { name: 'Meldingen' }).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('magic link → signed in, with the panel open (English)', async () => {
    const email = `linked.${Date.now()}@acme.example`;
    const made = await fetch(`${gw.origin}/admin/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Lin Ked', password: 'lin-ked-password' }),
    });
    assert.equal(made.status, 201, await made.text());
    const { page, problems } = await visit(`${gw.origin}/`);
    await openLauncher(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email address').fill(email);
    await dialog.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await dialog.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.goto(await mailedLink(gw, email, 'portico_magic'));
    await expectTokenGone(page, 'portico_magic');
    await dialog.getByRole('tab', { name: 'Tickets' }).waitFor();
    await dialog.getByRole('button', { name: 'Account', exact: true }).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('sign up → mail → verify → signed in (Dutch)', async () => {
    const email = `nieuw.${Date.now()}@example.org`;
    const { page, problems } = await visit(`${gw.origin}/`, (context) => inDutch(context, gw));
    await clickAccessible(page, 'button', 'Ondersteuning openen');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Account aanmaken' }).click();
    await dialog.getByRole('heading', { name: 'Account aanmaken' }).waitFor();
    await dialog.getByLabel('Naam').fill('Noor Nieuwkomer');
    await dialog.getByLabel('E-mailadres').fill(email);
    await dialog.getByLabel('Wachtwoord').fill('noor-wachtwoord-1');
    await dialog.getByRole('button', { name: 'Account aanmaken' }).click();
    await dialog.getByText('Ga akkoord om verder te gaan.').waitFor();
    // The portal's consent text, in Dutch (the gateway's own text for the page's language).
    await dialog
      .getByText('Ik ga ermee akkoord dat mijn gegevens worden gebruikt om mijn supportvragen af te handelen.')
      .waitFor();
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Account aanmaken' }).click();
    await dialog.getByText(`We hebben een link gestuurd naar ${email}.`, { exact: false }).waitFor();
    const link = await mailedLink(gw, email, 'portico_verify');
    assert.match((await outboxFor(gw.dataDir, email)).at(-1)!.subject, /^Bevestig je e-mailadres voor /);
    await page.goto(link);
    await expectTokenGone(page, 'portico_verify');
    await dialog.getByRole('tab', { name: 'Meldingen' }).waitFor();
    await dialog.getByRole('button', { name: 'Account', exact: true }).click();
    await dialog.getByRole('menu').getByText(email).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('a magic link on a page without a floating launcher still opens a panel and signs in', async () => {
    const email = 'erin@globex.example';
    const asked = await fetch(`${gw.origin}/portico/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, magicLink: true }),
    });
    assert.equal(asked.status, 202);
    const link = await mailedLink(gw, email, 'portico_magic');
    const { page, problems } = await visit(link, async (context) => {
      await context.route(
        (url) => url.origin === gw.origin && url.pathname === '/',
        async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace(' data-backend=', ' data-launcher="false" data-backend=');
          await route.fulfill({ response, body });
        },
      );
    });
    await expectTokenGone(page, 'portico_magic');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('tab', { name: 'Tickets' }).or(dialog.getByRole('grid')).first().waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('sign up → mail → verify → signed in', async () => {
    const email = `new.person.${Date.now()}@example.org`;
    const { page, problems } = await visit(`${gw.origin}/`);
    await openLauncher(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create an account' }).click();
    await dialog.getByRole('heading', { name: 'Create an account' }).waitFor();
    await dialog.getByLabel('Name').fill('Nina Newcomer');
    await dialog.getByLabel('Email address').fill(email);
    await dialog.getByLabel('Password').fill('nina-password-1');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByText('Agree to continue.').waitFor();
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByText(`We have emailed a link to ${email}.`).waitFor();
    // Nothing can sign in before the address is confirmed.
    const before = await fetch(`${gw.origin}/portico/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'nina-password-1', mode: 'bearer' }),
    });
    assert.equal(before.status, 401);

    const link = await mailedLink(gw, email, 'portico_verify');
    await page.goto(link);
    await expectTokenGone(page, 'portico_verify');
    await dialog.getByRole('tab', { name: 'Tickets' }).or(dialog.getByRole('grid')).first().waitFor();
    await dialog.getByRole('button', { name: 'Account' }).click();
    await dialog.getByRole('menu').getByText(email).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('the account menu signs out, and Portico.on tells the page', async () => {
    const { page, problems } = await visit(`${gw.origin}/`);
    await openLauncher(page);
    await page.evaluate(() => {
      const w = window as unknown as { e2eAuth: string[] };
      w.e2eAuth = [];
      window.Portico!.on('signed-in', () => w.e2eAuth.push('in'));
      window.Portico!.on('signed-out', () => w.e2eAuth.push('out'));
    });
    await signInThroughPanel(page, 'erin@globex.example');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Account' }).click();
    const menu = dialog.getByRole('menu');
    await menu.getByText('Erin').first().waitFor();
    await menu.getByRole('menuitem', { name: 'Sign out' }).click();
    await dialog.getByLabel('Email address').waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { e2eAuth: string[] }).e2eAuth), ['in', 'out']);
    // Signed out at the gateway too, not only on the page.
    await page.reload();
    assert.equal(
      await page.evaluate(async () => (await fetch('/portico/v1/session', { credentials: 'include' })).status),
      401,
    );
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('a link opened while someone else is signed in signs them out and finishes; one for oneself just opens', async () => {
    const email = `frank.${Date.now()}@globex.example`;
    const made = await fetch(`${gw.origin}/admin/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Frank', password: 'frank-old-password' }),
    });
    assert.equal(made.status, 201, await made.text());
    // Erin is signed in on this browser when Frank's reset mail is opened here (a shared computer).
    const { page, problems } = await visit(`${gw.origin}/`);
    await openLauncher(page);
    await signInThroughPanel(page, 'erin@globex.example');
    await fetch(`${gw.origin}/portico/v1/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    await page.goto(await mailedLink(gw, email, 'portico_reset'));
    await expectTokenGone(page, 'portico_reset');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    assert.equal(await dialog.getByLabel('Email address').inputValue(), email);
    await dialog.getByLabel('New password').fill('frank-new-password');
    await dialog.getByRole('button', { name: 'Save password and sign in' }).click();
    await dialog.getByRole('button', { name: 'Account' }).click();
    await dialog.getByRole('menu').getByText(email).waitFor();
    await page.keyboard.press('Escape');

    // Frank, signed in, opens a sign-in link of his own: nothing to finish, the panel just opens.
    await fetch(`${gw.origin}/portico/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, magicLink: true }),
    });
    await page.goto(await mailedLink(gw, email, 'portico_magic'));
    await expectTokenGone(page, 'portico_magic');
    await dialog.getByRole('tab', { name: 'Tickets' }).or(dialog.getByRole('grid')).first().waitFor();
    await dialog.getByRole('button', { name: 'Account' }).click();
    await dialog.getByRole('menu').getByText(email).waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  for (const lang of ['en', 'nl'] as const) {
    const words = PORTAL_WORDS[lang];
    const setup = lang === 'nl' ? (context: BrowserContext) => inDutch(context, gw, '/portal.html') : undefined;

    test(`on the full-page portal (portal.html): forgot password → mail → link → new password → signed in (${lang})`, async () => {
      const email = `portal.reset.${lang}.${Date.now()}@acme.example`;
      await makeCustomer(email, 'Paula Portaal', 'paula-old-password');
      const { page, problems } = await visit(`${gw.origin}/portal.html`, setup);
      await page.getByRole('button', { name: words.forgot }).click();
      await page.getByLabel(words.email).fill(email);
      await page.getByRole('button', { name: words.sendReset }).click();
      await page.getByRole('heading', { name: words.inbox }).waitFor();

      const link = await mailedLink(gw, email, 'portico_reset');
      assert.equal(new URL(link).pathname, '/portal.html', `the link leads back to the portal page: ${link}`);
      await page.goto(link);
      await expectTokenGone(page, 'portico_reset');
      await page.getByRole('heading', { name: words.choose }).waitFor();
      assert.equal(await page.getByLabel(words.email).inputValue(), email, 'the address comes from the link');
      await page.getByLabel(words.newPassword).fill('paula-new-password');
      await page.getByRole('button', { name: words.save }).click();
      await page.getByRole('tablist', { name: words.sections }).waitFor();
      await page.getByRole('heading', { name: words.overview }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/portal.html');
      assert.ok(!page.url().includes('portico_reset'), page.url());
      await page.getByRole('button', { name: words.account, exact: true }).click();
      await page.getByRole('menu').getByText(email).waitFor();
      assert.equal(await signInStatus(email, 'paula-new-password'), 200);
      assert.equal(await signInStatus(email, 'paula-old-password'), 401);
      assert.deepEqual(unexpectedProblems(problems), []);
    });

    test(`on the full-page portal (portal.html): magic link → signed in (${lang})`, async () => {
      const email = `portal.magic.${lang}.${Date.now()}@acme.example`;
      await makeCustomer(email, 'Mo Magie', 'mo-magie-password');
      const { page, problems } = await visit(`${gw.origin}/portal.html`, setup);
      await page.getByLabel(words.email).fill(email);
      await page.getByRole('button', { name: words.sendMagic }).click();
      await page.getByRole('heading', { name: words.inbox }).waitFor();

      const link = await mailedLink(gw, email, 'portico_magic');
      assert.equal(new URL(link).pathname, '/portal.html', `the link leads back to the portal page: ${link}`);
      if (lang === 'nl') assert.match((await outboxFor(gw.dataDir, email)).at(-1)!.subject, /^Inloggen bij /);
      await page.goto(link);
      await expectTokenGone(page, 'portico_magic');
      await expectTokenGone(page, 'email=');
      // Signed in without typing anything.
      await page.getByRole('tablist', { name: words.sections }).waitFor();
      await page.getByRole('heading', { name: words.overview }).waitFor();
      await page.getByRole('button', { name: words.account, exact: true }).click();
      await page.getByRole('menu').getByText(email).waitFor();
      assert.deepEqual(unexpectedProblems(problems), []);
    });
  }
});

describe('a throttled sign-in tells the true wait', { skip }, () => {
  let gw: Gateway;
  let browser: Browser;

  before(async () => {
    // A long first delay, so the wait shown cannot be a rounded "a moment" or "a minute".
    [gw, browser] = await Promise.all([
      startGateway({ connector: 'embedded', lockout: { freeFailures: 1, baseDelaySeconds: 37 } }),
      launchBrowser(),
    ]);
  });

  after(async () => {
    await browser?.close();
    await gw?.close();
  });

  test('wrong passwords: the form says the Retry-After the gateway gave, in Dutch; the owner still gets in by link', async () => {
    const email = 'carol@acme.example';
    const { page, context, problems } = await openPage(browser, `${gw.origin}/`, {
      setup: (c) => inDutch(c, gw),
    });
    try {
      await clickAccessible(page, 'button', 'Ondersteuning openen');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('E-mailadres').fill(email);
      await dialog.getByLabel('Wachtwoord', { exact: true }).fill('niet-het-wachtwoord');
      let retryAfter: string | null = null;
      for (let i = 0; i < 4 && retryAfter === null; i++) {
        const answer = page.waitForResponse(
          (r) => r.url().endsWith('/portico/v1/session') && r.request().method() === 'POST',
        );
        await dialog.getByRole('button', { name: 'Inloggen', exact: true }).click();
        const res = await answer;
        if (res.status() === 429) retryAfter = res.headers()['retry-after'] ?? null;
      }
      assert.ok(retryAfter && Number(retryAfter) > 30, `Retry-After ${retryAfter}`);
      await dialog
        .getByRole('alert')
        .getByText(`Te veel pogingen. Probeer het over ${retryAfter} seconden opnieuw.`)
        .waitFor();
      // The way out is not throttled with it: a sign-in link gets the owner in at once.
      await dialog.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
      await dialog.getByRole('heading', { name: 'Kijk in je inbox' }).waitFor();
      await page.goto(await mailedLink(gw, email, 'portico_magic'));
      await dialog.getByRole('tab', { name: 'Meldingen' }).waitFor();
      assert.deepEqual(
        unexpectedProblems(problems).filter((p) => !/\b(401|429)\b.*\/portico\/v1\/session/.test(p)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});

describe('an idle timeout, as the customer lives it', { skip }, () => {
  const IDLE_MINUTES = 1;
  let gw: Gateway;
  let browser: Browser;

  before(async () => {
    [gw, browser] = await Promise.all([
      startGateway({ connector: 'embedded', settings: { server: { sessionIdleMinutes: IDLE_MINUTES } } }),
      launchBrowser(),
    ]);
  });

  after(async () => {
    await browser?.close();
    await gw?.close();
  });

  /**
   * Waits until the gateway holds no live browser (cookie) session of `email`:
   * none seen within the idle timeout. Read from its store, so the waiting
   * itself keeps nothing alive.
   */
  async function browserSessionsGone(email: string): Promise<void> {
    const deadline = Date.now() + (IDLE_MINUTES * 60 + 90) * 1000;
    for (;;) {
      const [row] = await gw.app.db.query<{ live: number }>(
        `SELECT count(*)::int AS live FROM sessions s JOIN customers c ON c.id = s.customer_id
         WHERE c.email = $1 AND s.mode = 'cookie' AND s.expires_at > now()
           AND s.last_seen_at > now() - $2::float8 * interval '1 minute'`,
        [email, IDLE_MINUTES],
      );
      if (row!.live === 0) return;
      if (Date.now() > deadline) throw new Error(`the session of ${email} is still alive: something keeps it busy`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  test('typing a reply when the session times out: the next action says why, keeps the text, and signing in returns to the ticket', async () => {
    const email = 'carol@acme.example';
    const ticket = await createTicketAs(gw.origin, email, `The idle timeout [${RUN}]`);
    const { page, context, problems } = await openPage(browser, `${gw.origin}/`);
    try {
      await openLauncher(page);
      await signInThroughPanel(page, email);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: new RegExp(`^(Unread: )?${escapeRe(ticket.subject)}`) }).click();
      const detail = dialog.locator('portico-ticket-detail');
      await detail.getByRole('heading', { name: 'Conversation' }).waitFor();
      const text = `Half-written reply about the timeout (${RUN}).`;
      await detail.getByLabel('Your message').fill(text);

      // The person stops for a while: the page sends nothing, the gateway forgets the session.
      await browserSessionsGone(email);
      await detail.getByRole('button', { name: 'Send reply' }).click();
      await dialog
        .getByText(`You were signed out after ${IDLE_MINUTES} minute of inactivity. Sign in again to continue.`)
        .waitFor();

      await dialog.getByLabel('Email address').fill(email);
      await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
      // Back on the same ticket, with the reply as it was typed.
      await detail.getByRole('heading', { name: ticket.subject }).waitFor();
      const box = detail.getByLabel('Your message');
      const deadline = Date.now() + 10_000;
      while ((await box.inputValue()) !== text) {
        if (Date.now() > deadline) throw new Error(`the reply box holds "${await box.inputValue()}"`);
        await page.waitForTimeout(100);
      }
      const messages = async () => {
        const res = await fetch(`${gw.origin}/admin/v1/tickets/${encodeURIComponent(ticket.id)}/messages`, {
          headers: { authorization: `Bearer ${gw.adminToken}` },
        });
        const body = (await res.json()) as { items: Array<{ body: { content: string } }> };
        return body.items.filter((m) => m.body.content === text).length;
      };
      assert.equal(await messages(), 0, 'the reply refused with the session was not posted');

      // Sent now, once.
      await detail.getByRole('button', { name: 'Send reply' }).click();
      await detail.getByText(text).waitFor();
      assert.equal(await box.inputValue(), '');
      assert.equal(await messages(), 1);
      assert.deepEqual(
        unexpectedProblems(problems).filter((p) => !/^request: 401 .*\/portico\/v1\/tickets\/[^/]+\/messages$/.test(p)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
