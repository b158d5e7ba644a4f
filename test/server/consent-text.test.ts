/**
 * Issue 9 item 2: the registration consent text in the visitor's language.
 * The site owner stores a text per locale (or one string for every
 * language); GET /portal answers with the one for the request's language,
 * else the portal's default language's, else English; sign-up asks for the
 * consent that text stands for. A bad value is refused at its field and
 * nothing is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embeddedGateway, http, type RealGateway } from './helpers/gateway-harness.js';

describe('the consent text per language (issue 9.2)', () => {
  let gw: RealGateway;

  before(async () => {
    gw = await embeddedGateway()({});
  });
  after(async () => {
    await gw?.close();
  });

  const consentIn = async (acceptLanguage?: string) => {
    const res = await http(`${gw.api}/portal`, {
      headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    });
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('vary') ?? '', /Accept-Language/i, 'a cache keeps one answer per language');
    return res.body.registration.consentText as string | null;
  };
  const admin = (method: string, path: string, json?: unknown) =>
    http(`${gw.origin}/admin/v1${path}`, { method, json, headers: { authorization: `Bearer ${gw.admin.token}` } });

  it('out of the box, each language has its own text and English is the fallback', async () => {
    assert.equal(
      await consentIn('nl-NL,nl;q=0.9'),
      'Ik ga ermee akkoord dat mijn gegevens worden gebruikt om mijn supportvragen af te handelen.',
    );
    assert.match((await consentIn('de'))!, /^Ich bin damit einverstanden/);
    assert.equal(await consentIn('ja'), 'I agree that my details are used to handle my support requests.');
    assert.equal(await consentIn(), 'I agree that my details are used to handle my support requests.');
  });

  it('the site owner’s texts per language replace the built-in ones; a language left out gets the default one', async () => {
    const texts = { en: 'I agree that Acme keeps my details.', nl: 'Ik ga akkoord dat Acme mijn gegevens bewaart.' };
    const saved = await admin('PATCH', '/settings', { portal: { registration: { consentText: texts } } });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.portal.registration.consentText, texts, 'stored as given, not merged');
    assert.equal(await consentIn('nl'), texts.nl);
    assert.equal(await consentIn('en-GB'), texts.en);
    // German was left out: the owner's own default text, not the built-in German one.
    assert.equal(await consentIn('de'), texts.en);

    // With Dutch as the portal's default language, that is the fallback.
    assert.equal((await admin('PATCH', '/settings', { portal: { defaultLocale: 'nl' } })).status, 200);
    assert.equal(await consentIn('fr'), texts.nl);
    assert.equal((await admin('PATCH', '/settings', { portal: { defaultLocale: 'en' } })).status, 200);
  });

  it('one string, as before, is the text in every language', async () => {
    const one = 'I agree to the terms of Acme Support.';
    const saved = await admin('PATCH', '/settings', { portal: { registration: { consentText: one } } });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(await consentIn('nl'), one);
    assert.equal(await consentIn('en'), one);
    assert.equal(await consentIn('he'), one);
  });

  it('a bad value is refused, naming the field, and nothing is stored', async () => {
    const before = (await admin('GET', '/settings')).body;
    for (const consentText of [{ nl: 42 }, { 'not a locale': 'x' }, {}, 'x'.repeat(2001), ['en', 'text']]) {
      const res = await admin('PATCH', '/settings', { portal: { name: 'Changed', registration: { consentText } } });
      assert.equal(res.status, 400, `${JSON.stringify(consentText)}: ${res.text}`);
      assert.match(res.text, /registration\.consentText|consentText/, res.text);
    }
    assert.deepEqual((await admin('GET', '/settings')).body, before);
    assert.equal((await http(`${gw.api}/portal`)).body.name, before.portal.name);
  });

  it('a Dutch sign-up without ticking the Dutch text is refused; with it, it goes through', async () => {
    const texts = { en: 'I agree.', nl: 'Ik ga akkoord.' };
    assert.equal((await admin('PATCH', '/settings', { portal: { registration: { consentText: texts } } })).status, 200);
    const register = (consent: boolean) =>
      http(`${gw.api}/register`, {
        json: { email: `nieuw-${consent}@example.org`, name: 'Nieuw', password: 'een-goed-wachtwoord', consent },
        headers: { 'accept-language': 'nl' },
      });
    const refused = await register(false);
    assert.equal(refused.status, 422, refused.text);
    assert.equal(refused.body.errors[0].field, 'consent');
    assert.equal(refused.body.errors[0].code, 'consent-required');
    assert.equal((await register(true)).status, 202);

    // No text in any language: no consent is asked.
    assert.equal((await admin('PATCH', '/settings', { portal: { registration: { consentText: null } } })).status, 200);
    assert.equal(await consentIn('nl'), null);
    const plain = await http(`${gw.api}/register`, {
      json: { email: 'zonder@example.org', name: 'Zonder', password: 'een-goed-wachtwoord', consent: false },
    });
    assert.equal(plain.status, 202, plain.text);
  });
});
