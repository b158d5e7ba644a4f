import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../../src/components/knowledge/knowledge.js';
import type { PorticoKnowledge } from '../../../src/components/knowledge/knowledge.component.js';
import { setLocale } from '../../../src/core/i18n.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { worker } from '../../mocks/browser.js';
import { useMockServices } from '../../mocks/services.js';
import { BASE, mockState } from '../../reference/handlers.js';

type El = PorticoKnowledge;
const root = (el: El) => el.shadowRoot!;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const titles = (el: El) => [...root(el).querySelectorAll('[part="article-link"]')].map((b) => text(b));

async function search(el: El, q: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('#search')!;
  input.value = q;
  input.dispatchEvent(new Event('input'));
}

describe('<portico-knowledge>', () => {
  beforeEach(async () => {
    await useMockServices({ as: null });
  });
  afterEach(() => worker.resetHandlers());

  it('lists the articles and searches them by any word, ranked', async () => {
    const el = await fixture<El>(html`<portico-knowledge></portico-knowledge>`);
    await waitUntil(() => titles(el).length > 0, 'no list');
    expect(titles(el)).to.include('Reinstall the VPN client');
    await expect(el).to.be.accessible();

    await search(el, 'my printer prints blank');
    await waitUntil(() => titles(el)[0] === 'Printer prints blank pages', 'search never answered');
    expect(text(root(el).querySelector('[role="status"]'))).to.match(/^\d+ articles?$/);

    await search(el, 'zebrafish');
    await waitUntil(
      () => text(root(el).querySelector('[role="status"]')) === 'No articles match your search.',
      'no none',
    );
    await expect(el).to.be.accessible();
  });

  it('opens an article: title, body through the sanitizer, and feedback recorded for the site owner', async () => {
    const el = await fixture<El>(html`<portico-knowledge></portico-knowledge>`);
    await waitUntil(() => titles(el).length > 0, 'no list');
    const selected = oneEvent(el, 'portico-article-select');
    root(el).querySelector<HTMLButtonElement>('[data-article-id="kb-1"]')!.click();
    expect((await selected).detail).to.deep.equal({ articleId: 'kb-1' });
    await waitUntil(() => root(el).querySelector('[part~="article-body"] ol'), 'article never shown');
    expect(text(root(el).querySelector('#article-title'))).to.equal('Reinstall the VPN client');
    expect(text(root(el).querySelector('[part~="article-body"] strong'))).to.equal('latest');
    expect(root(el).activeElement?.id).to.equal('article-title');
    await expect(el).to.be.accessible();

    root(el).querySelector<HTMLButtonElement>('[data-answer="no"]')!.click();
    await waitUntil(() => root(el).querySelector('.feedback-thanks'), 'no thanks');
    expect(mockState.articleFeedback).to.deep.equal([{ articleId: 'kb-1', helpful: false, userId: null }]);
    expect(text(root(el).querySelector('.feedback-thanks'))).to.contain('You can still send us your question');
    await expect(el).to.be.accessible();

    root(el).querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await waitUntil(() => titles(el).length > 0, 'back to the list');
  });

  it('says so when an article does not exist, and when feedback could not be sent', async () => {
    const missing = await fixture<El>(html`<portico-knowledge article-id="nope"></portico-knowledge>`);
    await waitUntil(() => root(missing).querySelector('[part="state"][role="alert"]'), 'no state');
    expect(text(root(missing).querySelector('[part="state"][role="alert"]'))).to.contain('This article does not exist');

    worker.use(http.post(`${BASE}/articles/:id/feedback`, () => HttpResponse.error()));
    const el = await fixture<El>(html`<portico-knowledge article-id="kb-2" no-list></portico-knowledge>`);
    await waitUntil(() => root(el).querySelector('[data-answer="yes"]'), 'no article');
    root(el).querySelector<HTMLButtonElement>('[data-answer="yes"]')!.click();
    await waitUntil(() => root(el).querySelector('.feedback [role="alert"]'), 'no error');
    expect(mockState.articleFeedback).to.have.length(0);
  });

  it('puts articles in the reader’s language first, and speaks Dutch', async () => {
    await setLocale('nl');
    try {
      const el = await fixture<El>(html`<portico-knowledge></portico-knowledge>`);
      await search(el, 'wachtwoorden vergeten');
      await waitUntil(() => titles(el)[0] === 'Wachtwoord vergeten?', 'Dutch article first');
      expect(text(root(el).querySelector('label'))).to.equal('Zoek in de artikelen');
      const request = mockState.requests.filter((r) => r.path === '/articles').at(-1)!;
      expect(new URL(request.url).searchParams.get('locale')).to.equal('nl');
      await expect(el).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });
});
