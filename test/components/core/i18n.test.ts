import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/ticket-list/ticket-list.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { msg } from '@lit/localize';
import { getLocale, matchLocale, setLocale, TARGET_LOCALES } from '../../../src/core/i18n.js';
import { statusLabel } from '../../../src/core/status.js';

describe('i18n', () => {
  after(() => setLocale('en'));

  it('loads every target locale on demand and renders its strings', async () => {
    const seen = new Set<string>();
    for (const locale of TARGET_LOCALES) {
      expect(await setLocale(locale)).to.equal(locale);
      expect(getLocale()).to.equal(locale);
      const retry = msg('Retry', { id: 'common.retry' });
      expect(retry, `${locale} has its own "Retry"`).not.to.equal('Retry');
      seen.add(`${retry}|${statusLabel('pending')}`);
    }
    // Each language its own rendering.
    expect(seen.size).to.equal(TARGET_LOCALES.length);
    await setLocale('en');
    expect(msg('Retry', { id: 'common.retry' })).to.equal('Retry');
  });

  it('matches regional and alias tags to the locales it carries', () => {
    expect(matchLocale('nl-BE')).to.equal('nl');
    expect(matchLocale('de-AT')).to.equal('de');
    expect(matchLocale('no')).to.equal('nb');
    expect(matchLocale('nn-NO')).to.equal('nb');
    expect(matchLocale('pt-BR')).to.equal(null);
    expect(matchLocale('he-IL')).to.equal('he');
    expect(matchLocale('iw')).to.equal('he');
  });

  it('in Hebrew an element says so and lays itself out right to left; an author’s own dir stands', async () => {
    const root = document.documentElement;
    const before = { lang: root.lang, dir: root.dir };
    root.lang = 'en';
    try {
      const holder = await fixture<HTMLElement>(html`<div>
        <portico-ticket-list></portico-ticket-list>
        <portico-ticket-list dir="ltr" data-author></portico-ticket-list>
      </div>`);
      const [list, authored] = [
        ...holder.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean>; requestUpdate(): void }>(
          'portico-ticket-list',
        ),
      ];
      await setLocale('he');
      await waitUntil(() => list!.getAttribute('lang') === 'he', 'the list never said it speaks Hebrew');
      expect(list!.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(list!).direction).to.equal('rtl');
      expect(authored!.getAttribute('dir')).to.equal('ltr');
      // A Hebrew page with its own direction: nothing to add but the language it already says.
      root.lang = 'he';
      root.dir = 'rtl';
      list!.requestUpdate();
      await waitUntil(() => !list!.hasAttribute('dir'), 'the list kept its own dir on a right-to-left page');
      expect(list!.hasAttribute('lang')).to.equal(false);
      expect(getComputedStyle(list!).direction).to.equal('rtl');
      // Back to English on an English page: the element's own marks are gone.
      root.lang = 'en';
      root.dir = '';
      await setLocale('en');
      await waitUntil(() => getComputedStyle(list!).direction === 'ltr', 'the list stayed right to left');
      expect(list!.hasAttribute('dir')).to.equal(false);
      expect(list!.hasAttribute('lang')).to.equal(false);
    } finally {
      Object.assign(root, before);
      await setLocale('en');
    }
  });
});
