import { expect } from '@open-wc/testing';
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
    // Five languages, five different renderings.
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
  });
});
