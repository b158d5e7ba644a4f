import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/components/support-form/support-form.js';
import type { PorticoSupportForm } from '../../../src/components/support-form/support-form.component.js';
import { getDraftStore } from '../../../src/core/drafts.js';
import { setLocale } from '../../../src/core/i18n.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { worker } from '../../mocks/browser.js';
import { useMockServices } from '../../mocks/services.js';
import { mockState } from '../../reference/handlers.js';

type El = PorticoSupportForm;
const root = (el: El) => el.shadowRoot!;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const choices = (el: El) => [...root(el).querySelectorAll<HTMLButtonElement>('[part="form-choice"]')];
const heading = (el: El) => text(root(el).querySelector('h2'));

async function picker(template = html`<portico-support-form></portico-support-form>`): Promise<El> {
  const el = await fixture<El>(template);
  await waitUntil(() => choices(el).length > 0 || root(el).querySelector('form'), 'nothing loaded');
  return el;
}

describe('<portico-support-form> form picker', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    services = await useMockServices({ as: 'carol' });
    await getDraftStore(services.backend.baseUrl).clear();
  });
  afterEach(() => worker.resetHandlers());

  it('offers the portal’s forms with names and descriptions, and loads the one picked', async () => {
    const el = await picker();
    expect(heading(el)).to.equal('What is your request about?');
    expect(choices(el).map((c) => text(c.querySelector('.choice-name')))).to.deep.equal([
      'General question',
      'Access request',
    ]);
    expect(text(choices(el)[1].querySelector('.choice-text'))).to.equal('Request access to a system.');
    await expect(el).to.be.accessible();

    const selected = oneEvent(el, 'portico-form-select');
    choices(el)[1].click();
    expect((await selected).detail).to.deep.equal({ formId: 'access-request' });
    await waitUntil(() => root(el).querySelector('#f-system'), 'the access request form never showed');
    expect(heading(el)).to.equal('Access request');
    expect(root(el).activeElement?.localName).to.equal('h2');
    await expect(el).to.be.accessible();

    // Back to the list, and the other form.
    const back = oneEvent(el, 'portico-form-select');
    root(el).querySelector<HTMLButtonElement>('[part="change-form"]')!.click();
    expect((await back).detail).to.deep.equal({ formId: null });
    await waitUntil(() => choices(el).length === 2, 'the picker never came back');
    choices(el)[0].click();
    await waitUntil(() => root(el).querySelector('#f-product'), 'the general form never showed');
  });

  it('offers a form only where the gateway does (per organisation), and skips the picker for a single form', async () => {
    mockState.forms.find((f) => f.id === 'access-request')!.organizations = ['org-nobody'];
    const el = await picker();
    expect(choices(el)).to.have.length(0);
    expect(heading(el)).to.equal('General question');
    expect(root(el).querySelector('[part="change-form"]')).to.equal(null);
  });

  it('shows the form a host fixed, or one named by pickedFormId (a deep link), without the picker', async () => {
    const fixed = await picker(html`<portico-support-form form-id="access-request"></portico-support-form>`);
    expect(heading(fixed)).to.equal('Access request');
    expect(root(fixed).querySelector('[part="change-form"]')).to.equal(null);
    expect(mockState.requests.some((r) => r.path === '/forms')).to.equal(false);

    const linked = await picker(html`<portico-support-form .pickedFormId=${'access-request'}></portico-support-form>`);
    await waitUntil(() => heading(linked) === 'Access request', 'the linked form never showed');
    expect(root(linked).querySelector('[part="change-form"]'), 'the person may still choose another').not.to.equal(
      null,
    );
  });

  it('speaks Dutch, names and descriptions from the gateway included', async () => {
    await setLocale('nl');
    try {
      const el = await picker();
      expect(heading(el)).to.equal('Waar gaat je melding over?');
      expect(choices(el).map((c) => text(c.querySelector('.choice-name')))).to.deep.equal([
        'Algemene vraag',
        'Toegangsaanvraag',
      ]);
      choices(el)[1].click();
      await waitUntil(() => root(el).querySelector('[part="change-form"]'), 'no form');
      expect(text(root(el).querySelector('[part="change-form"]'))).to.contain('Kies een ander soort melding');
      await expect(el).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });
});
