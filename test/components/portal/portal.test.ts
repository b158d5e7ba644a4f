import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http } from 'msw';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/portal/portal.js';
import type { PorticoPortal } from '../../../src/components/portal/portal.component.js';
import type { PorticoPortalProfile } from '../../../src/components/portal/portal-profile.component.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { setLocale } from '../../../src/core/i18n.js';
import { CONSENT_OPEN_EVENT } from '../../../src/core/consent.js';
import { problemCodeForStatus, type TicketStatus } from '../../../src/protocol/index.js';
import { worker } from '../../mocks/browser.js';
import { useMockServices, type MockServicesOptions } from '../../mocks/services.js';
import { DEMO_PASSWORD, type MockUserKey } from '../../reference/fixtures.js';
import { BASE, mockSignIn, mockState, mockUser, problem, type MockTicket } from '../../reference/handlers.js';
import { userOf } from '../../reference/state.js';

/** The page's services, against the reference backend (test/reference). */
let services: PorticoServices;

const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'solved', 'closed'];

function resetHash(hash = ''): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function sr(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function tabs(el: PorticoPortal): HTMLButtonElement[] {
  return [...sr(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
}

function selectedTab(el: PorticoPortal): HTMLButtonElement | undefined {
  return tabs(el).find((t) => t.getAttribute('aria-selected') === 'true');
}

function panel(el: PorticoPortal): HTMLElement {
  return sr(el).querySelector<HTMLElement>('[role="tabpanel"]')!;
}

/** The focused element, following focus into shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function ready(el: PorticoPortal): Promise<void> {
  await waitUntil(() => sr(el).querySelector('[role="tablist"]'), 'the portal did not load');
}

async function chartsReady(el: PorticoPortal): Promise<void> {
  await waitUntil(() => sr(el).querySelector('figure[data-chart="chart-mine"]'), 'the charts did not load');
}

function chartCounts(el: PorticoPortal, id: string): Record<string, number> {
  const figure = sr(el).querySelector(`figure[data-chart="${id}"]`)!;
  const counts: Record<string, number> = {};
  for (const row of figure.querySelectorAll('tbody tr')) {
    counts[row.getAttribute('data-status')!] = Number(row.querySelector('td')!.textContent!.trim());
  }
  counts.total = Number(figure.querySelector('tfoot td')!.textContent!.trim());
  return counts;
}

/** Counts by status of the reference backend's tickets that pass `filter`. */
function expectedCounts(filter: (t: MockTicket) => boolean): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const t of mockState.tickets.filter(filter)) counts[t.status]++;
  counts.total = STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return counts;
}

const ownedBy = (key: MockUserKey) => (t: MockTicket) => t.requesterId === mockUser(key).id;
const ofOrganizationOf = (key: MockUserKey) => (t: MockTicket) =>
  userOf(t).organization?.id === mockUser(key).organization!.id;

/** The requests the reference backend got for `method path` (path without the query). */
function requestsTo(method: string, path: string) {
  return mockState.requests.filter((r) => r.method === method && r.path === path);
}

/** The `scope` each request for `path` asked for (none: mine). */
function scopesAskedFor(path: string): string[] {
  return requestsTo('GET', path).map((r) => new URL(r.url).searchParams.get('scope') ?? 'mine');
}

/** The next GET of `path` answers the gateway's problem for `status`. */
function failNextGet(path: string, status: number, detail: string): void {
  worker.use(
    http.get(`${BASE}${path}`, () => problem(problemCodeForStatus(status), detail, undefined, status), {
      once: true,
    }),
  );
}

/** The next GET of `path` waits until the returned function is called, then gets its real answer. */
function holdNextGet(path: string): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  worker.use(
    http.get(
      `${BASE}${path}`,
      async () => {
        await gate;
        return undefined; // on to the reference backend
      },
      { once: true },
    ),
  );
  return release;
}

/** The JSON bodies of every `method path` request from now on (they still go on to the reference backend). */
function recordBodies(method: 'patch' | 'post', path: string): unknown[] {
  const bodies: unknown[] = [];
  worker.use(
    http[method](`${BASE}${path}`, async ({ request }) => {
      bodies.push(await request.clone().json());
      return undefined;
    }),
  );
  return bodies;
}

/**
 * The status line of one of the profile's forms (`details` or `password`). Only
 * there: the notification-mail switch keeps a live region of its own, also `.saved`.
 */
function formStatus(root: ShadowRoot, form: 'details' | 'password', selector = '[role="status"]'): Element | null {
  return root.querySelector(`form[aria-labelledby="${form}-title"] ${selector}`);
}

async function profile(el: PorticoPortal): Promise<ShadowRoot> {
  await waitUntil(() => sr(el).querySelector('portico-portal-profile')?.shadowRoot?.querySelector('.profile'));
  return sr(sr(el).querySelector('portico-portal-profile')!);
}

/**
 * Opens the page as `user` (null: nobody signed in): the reference backend
 * reset with that person signed in, and new page-wide services. The session
 * store caches the first answer, and elements left over from the previous test
 * (a removed ticket list whose request was still running) may load the
 * page-wide store before this test's body runs; so a new user gets a new
 * store, never a session swapped behind a store that already knows someone else.
 */
async function openAs(user: MockUserKey | null, opts: Omit<MockServicesOptions, 'as'> = {}): Promise<void> {
  services = await useMockServices({ as: user, ...opts });
}

/** The person signs in while the page is open (as the sign-in form would tell the session store). */
async function signInNow(user: MockUserKey): Promise<void> {
  mockSignIn(user);
  services.session.set(await services.backend.getSession());
}

function fill(root: ShadowRoot, id: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('<portico-portal>', () => {
  beforeEach(async () => {
    resetHash();
    await setLocale('en');
    await openAs('carol');
  });

  afterEach(() => {
    worker.resetHandlers();
    resetHash();
  });

  describe('dashboard', () => {
    it('is accessible while loading', async () => {
      const release = holdNextGet('/portal');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      expect(sr(el).querySelector('[role="status"]')!.textContent).to.contain('Loading');
      await expect(el).to.be.accessible();
      release();
      await ready(el);
    });

    it('shows organisation and personal counts by status for a company user, with text equivalents', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      await waitUntil(() => sr(el).querySelector('figure[data-chart="chart-organization"]'));
      await chartsReady(el);

      const orgExpected = expectedCounts(ofOrganizationOf('carol'));
      const mineExpected = expectedCounts(ownedBy('carol'));
      expect(chartCounts(el, 'chart-organization')).to.deep.equal(orgExpected);
      expect(chartCounts(el, 'chart-mine')).to.deep.equal(mineExpected);
      expect(orgExpected.total).to.be.greaterThan(mineExpected.total);

      const img = sr(el).querySelector('figure[data-chart="chart-organization"] svg[role="img"]')!;
      const label = img.getAttribute('aria-label')!;
      expect(label).to.contain('All tickets');
      expect(label).to.contain(`${orgExpected.total} in total`);
      expect(label).to.contain(`Open ${orgExpected.open}`);
      // One coloured slice per status that has tickets.
      const slices = [...img.querySelectorAll('circle.slice')].map((c) => c.getAttribute('data-status'));
      expect(slices).to.deep.equal(STATUSES.filter((s) => orgExpected[s] > 0));
      // TVox colours: New yellow, Open red.
      const stroke = (s: string) => getComputedStyle(img.querySelector(`circle.slice[data-status="${s}"]`)!).stroke;
      expect(stroke('new')).to.equal('rgb(245, 196, 0)');
      expect(stroke('open')).to.equal('rgb(217, 48, 37)');
      await expect(el).to.be.accessible();
    });

    it('shows only "My tickets" to a plain user, and no All tickets tab', async () => {
      await openAs('dave');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      await chartsReady(el);
      expect(sr(el).querySelector('figure[data-chart="chart-organization"]') === null, 'should be absent').to.equal(
        true,
      );
      expect(scopesAskedFor('/tickets/summary')).to.include('mine');
      expect(scopesAskedFor('/tickets/summary')).not.to.include('organization');
      expect(chartCounts(el, 'chart-mine')).to.deep.equal(expectedCounts(ownedBy('dave')));
      expect(tabs(el).map((t) => t.textContent!.trim())).to.deep.equal([
        'My tickets',
        'New ticket',
        'Help articles',
        'Profile',
      ]);
      await expect(el).to.be.accessible();
    });

    it('groups into Open and Closed when the portal uses simple status labels', async () => {
      mockState.portal.statusLabelMode = 'simple';
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await chartsReady(el);
      const mine = expectedCounts(ownedBy('carol'));
      expect(chartCounts(el, 'chart-mine')).to.deep.equal({
        open: mine.new + mine.open + mine.pending,
        closed: mine.solved + mine.closed,
        total: mine.total,
      });
    });

    it('shows an error with Retry when the counts cannot be loaded', async () => {
      await openAs('dave');
      failNextGet('/tickets/summary', 500, 'Counting failed');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await waitUntil(() => sr(el).querySelector('.dashboard [role="alert"]'));
      expect(sr(el).querySelector('.dashboard [role="alert"]')!.textContent).to.contain('not available right now');
      await expect(el).to.be.accessible();
      sr(el).querySelector<HTMLButtonElement>('.dashboard [role="alert"] button')!.click();
      await chartsReady(el);
    });
  });

  describe('tabs and routes', () => {
    it('moves between tabs with the arrow keys, Home and End, and opens one with Enter', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      expect(selectedTab(el)!.id).to.equal('tab-mine');
      expect(tabs(el).map((t) => t.tabIndex)).to.deep.equal([-1, 0, -1, -1, -1]);
      expect(panel(el).getAttribute('aria-labelledby')).to.equal('tab-mine');

      selectedTab(el)!.focus();
      await sendKeys({ press: 'ArrowRight' });
      expect(deepActive()!.id).to.equal('tab-new');
      await sendKeys({ press: 'End' });
      expect(deepActive()!.id).to.equal('tab-profile');
      await sendKeys({ press: 'ArrowRight' });
      expect(deepActive()!.id).to.equal('tab-tickets');
      await sendKeys({ press: 'ArrowLeft' });
      expect(deepActive()!.id).to.equal('tab-profile');
      await sendKeys({ press: 'Home' });
      expect(deepActive()!.id).to.equal('tab-tickets');
      // Arrows only move focus; nothing loads until Enter.
      expect(location.hash).to.equal('');

      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(location.hash).to.equal('#/new');
      expect(selectedTab(el)!.id).to.equal('tab-new');
      expect(deepActive()!.id).to.equal('tab-new');
      expect(panel(el).querySelector('portico-support-form') !== null, 'should be present').to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('opens the view a deep link names, and follows hash changes and back/forward', async () => {
      resetHash('#/profile');
      const navigations: Array<{ view: string; ticketId?: string }> = [];
      const el = await fixture<PorticoPortal>(
        html`<portico-portal @portico-navigate=${(e: CustomEvent) => navigations.push(e.detail)}></portico-portal>`,
      );
      await ready(el);
      expect(selectedTab(el)!.id).to.equal('tab-profile');
      expect(panel(el).querySelector('portico-portal-profile') !== null, 'should be present').to.equal(true);
      expect(sr(el).querySelector('.dashboard') === null, 'should be absent').to.equal(true);

      location.hash = '#/tickets';
      await waitUntil(() => selectedTab(el)!.id === 'tab-tickets');
      expect(panel(el).querySelector('portico-ticket-list')!.getAttribute('scope')).to.equal('organization');

      tabs(el)
        .find((t) => t.id === 'tab-mine')!
        .click();
      await el.updateComplete;
      expect(location.hash).to.equal('#/mine');
      expect(panel(el).querySelector('portico-ticket-list')!.getAttribute('scope')).to.equal('mine');

      history.back();
      await waitUntil(() => selectedTab(el)!.id === 'tab-tickets', 'back did not return to All tickets');
      history.back();
      await waitUntil(() => selectedTab(el)!.id === 'tab-profile', 'back did not return to Profile');
      history.forward();
      await waitUntil(() => selectedTab(el)!.id === 'tab-tickets', 'forward did not work');
      expect(navigations.map((n) => n.view)).to.include.members(['tickets', 'mine', 'profile']);
    });

    it('opens a ticket from a deep link, and Back returns to the list', async () => {
      const ticketId = mockState.tickets.find((t) => ownedBy('carol')(t) && t.status === 'open')!.id;
      resetHash(`#/ticket/${ticketId}`);
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      const detail = panel(el).querySelector('portico-ticket-detail')!;
      expect(detail.getAttribute('ticket-id')).to.equal(ticketId);
      expect(detail.hasAttribute('show-back')).to.equal(true);
      detail.dispatchEvent(new CustomEvent('portico-back', { bubbles: true, composed: true, detail: {} }));
      await el.updateComplete;
      expect(location.hash).to.equal('#/mine');
      expect(panel(el).querySelector('portico-ticket-list') !== null, 'should be present').to.equal(true);
    });

    it('sends a plain user who follows an All tickets link to My tickets', async () => {
      await openAs('dave');
      resetHash('#/tickets');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      await waitUntil(() => location.hash === '#/mine');
      expect(selectedTab(el)!.id).to.equal('tab-mine');
      await waitUntil(() => scopesAskedFor('/tickets').includes('mine'), 'My tickets were never asked for');
      expect(scopesAskedFor('/tickets')).not.to.include('organization');
    });

    it('sends a plain user who signs in on an All tickets link to My tickets', async () => {
      await openAs(null);
      resetHash('#/tickets');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await waitUntil(() => sr(el).querySelector('portico-sign-in'));
      // The person becomes known only now: the deep link is judged again.
      await signInNow('dave');
      await ready(el);
      await waitUntil(() => location.hash === '#/mine');
      expect(selectedTab(el)!.id).to.equal('tab-mine');
      expect(
        tabs(el).some((t) => t.id === 'tab-tickets'),
        'no All tickets tab',
      ).to.equal(false);
    });

    it('moves to My tickets when a company user on All tickets is replaced by a plain user', async () => {
      resetHash('#/tickets');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      expect(selectedTab(el)!.id).to.equal('tab-tickets');
      await signInNow('dave');
      await waitUntil(() => location.hash === '#/mine');
      await waitUntil(() => selectedTab(el)?.id === 'tab-mine');
      expect(
        tabs(el).some((t) => t.id === 'tab-tickets'),
        'no All tickets tab',
      ).to.equal(false);
    });

    it('opens the new ticket once the support form has created it, and refreshes the counts', async () => {
      resetHash('#/new');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      const form = panel(el).querySelector('portico-support-form')!;
      // No form fixed: the support form offers the portal's forms.
      expect(form.getAttribute('form-id')).to.equal('');
      const summariesBefore = requestsTo('GET', '/tickets/summary').length;
      const ticket = await services.backend.createTicket({
        formId: 'general',
        subject: 'Fresh',
        body: { format: 'text', content: 'x' },
        fields: { product: 'printer' },
      });
      form.dispatchEvent(
        new CustomEvent('portico-ticket-created', { bubbles: true, composed: true, detail: { ticket } }),
      );
      await waitUntil(() => location.hash === `#/ticket/${ticket.id}`);
      await waitUntil(() => panel(el).querySelector('portico-ticket-detail')?.getAttribute('ticket-id') === ticket.id);
      // Back from the new ticket goes to My tickets, where the counts are fetched again.
      panel(el)
        .querySelector('portico-ticket-detail')!
        .dispatchEvent(new CustomEvent('portico-back', { bubbles: true, composed: true, detail: {} }));
      await waitUntil(() => location.hash === '#/mine');
      await waitUntil(() => requestsTo('GET', '/tickets/summary').length > summariesBefore, 'no new counts');
    });

    it('shows an error with Retry when the portal settings cannot be loaded', async () => {
      failNextGet('/portal', 502, 'Gateway down');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await waitUntil(() => sr(el).querySelector('[role="alert"]'));
      expect(sr(el).querySelector('[role="alert"]')!.textContent).to.contain('not available right now');
      await expect(el).to.be.accessible();
      sr(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await ready(el);
    });

    it('keeps the URL alone in memory routing', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal routing="memory"></portico-portal>`);
      await ready(el);
      tabs(el)
        .find((t) => t.id === 'tab-profile')!
        .click();
      await el.updateComplete;
      expect(location.hash).to.equal('');
      expect(selectedTab(el)!.id).to.equal('tab-profile');
      expect(el.currentRoute).to.equal('/profile');
    });

    it('deep-links a form (#/new/<form>) and an article (#/kb/<id>), and follows the views’ own choices', async () => {
      resetHash('#/new/access-request');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      expect(selectedTab(el)!.id).to.equal('tab-new');
      const form = panel(el).querySelector<HTMLElement & { pickedFormId: string }>('portico-support-form')!;
      expect(form.pickedFormId).to.equal('access-request');
      form.dispatchEvent(
        new CustomEvent('portico-form-select', { bubbles: true, composed: true, detail: { formId: null } }),
      );
      await waitUntil(() => location.hash === '#/new');
      expect(el.currentRoute).to.equal('/new');

      const articleId = mockState.articles.at(-1)!.id;
      el.navigate(`/kb/${articleId}`);
      await el.updateComplete;
      expect(selectedTab(el)!.id).to.equal('tab-kb');
      const kb = panel(el).querySelector('portico-knowledge')!;
      expect(kb.getAttribute('article-id')).to.equal(articleId);
      kb.dispatchEvent(
        new CustomEvent('portico-article-select', { bubbles: true, composed: true, detail: { articleId: null } }),
      );
      await waitUntil(() => location.hash === '#/kb');
      await expect(el).to.be.accessible();
    });

    it('has no Help articles where the portal has no articles', async () => {
      mockState.portal.capabilities = { ...mockState.portal.capabilities, articles: false };
      resetHash('#/kb');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      expect(tabs(el).map((t) => t.id)).not.to.include('tab-kb');
      await waitUntil(() => el.currentRoute === '/mine');
    });

    it('speaks Dutch after a locale switch', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      await ready(el);
      await setLocale('nl');
      await el.updateComplete;
      expect(tabs(el).map((t) => t.textContent!.trim())).to.deep.equal([
        'Alle meldingen',
        'Mijn meldingen',
        'Nieuwe melding',
        'Hulpartikelen',
        'Profiel',
      ]);
      await setLocale('en');
    });
  });

  describe('profile', () => {
    beforeEach(() => resetHash('#/profile'));

    it('saves edited details', async () => {
      const updates = recordBodies('patch', '/me');
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      const root = await profile(el);
      expect(root.querySelector<HTMLInputElement>('#profile-name')!.value).to.equal(mockUser('carol').name);
      expect(root.textContent).to.contain(mockUser('carol').email);
      await expect(el).to.be.accessible();

      fill(root, 'profile-name', 'Carol J. Jansen');
      fill(root, 'profile-phone', '+31 6 0000 0000');
      root.querySelector<HTMLButtonElement>('[part="save-profile"]')!.click();
      await waitUntil(() => formStatus(root, 'details', '.saved'), 'the profile was not saved');
      expect(updates).to.deep.equal([{ name: 'Carol J. Jansen', phone: '+31 6 0000 0000' }]);
      expect(mockUser('carol')).to.include({ name: 'Carol J. Jansen', phone: '+31 6 0000 0000' });
      expect(formStatus(root, 'details')!.textContent).to.contain('saved');
      // The header follows the new name.
      await waitUntil(() => sr(el).querySelector('.who')!.textContent!.includes('Carol J. Jansen'));
      await expect(el).to.be.accessible();
    });

    it('refuses an empty name before asking the server', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      const root = await profile(el);
      fill(root, 'profile-name', '  ');
      root.querySelector<HTMLButtonElement>('[part="save-profile"]')!.click();
      await waitUntil(() => root.querySelector('#profile-name-error'));
      expect(root.querySelector('#profile-name')!.getAttribute('aria-invalid')).to.equal('true');
      expect(requestsTo('PATCH', '/me')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('shows the details read-only when the portal does not allow editing', async () => {
      mockState.portal.profile = { ...mockState.portal.profile, editable: false };
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      const root = await profile(el);
      expect(root.querySelector('#profile-name') === null, 'should be absent').to.equal(true);
      expect(root.querySelector('.facts')!.textContent).to.contain(mockUser('carol').name);
      await expect(el).to.be.accessible();
    });

    it('checks the new password, shows the server refusing a wrong current one, and confirms a change', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      const root = await profile(el);
      const submit = () => root.querySelector<HTMLButtonElement>('[part="change-password"]')!.click();

      fill(root, 'password-current', DEMO_PASSWORD);
      fill(root, 'password-next', 'new-secret-1');
      fill(root, 'password-confirm', 'new-secret-2');
      submit();
      await waitUntil(() => root.querySelector('#password-confirm-error'));
      expect(root.querySelector('#password-confirm-error')!.textContent).to.contain('do not match');
      expect(root.querySelector('#password-confirm')!.getAttribute('aria-describedby')).to.contain(
        'password-confirm-error',
      );
      expect(requestsTo('POST', '/me/password')).to.have.length(0);
      await expect(el).to.be.accessible();

      fill(root, 'password-current', 'not-my-password');
      fill(root, 'password-confirm', 'new-secret-1');
      submit();
      await waitUntil(() => root.querySelector('#password-current-error'));
      expect(root.querySelector('#password-current-error')!.textContent).to.contain('not your current password');
      expect(root.querySelector('#password-current')!.getAttribute('aria-invalid')).to.equal('true');
      expect(root.activeElement?.id).to.equal('password-current');
      await expect(el).to.be.accessible();

      fill(root, 'password-current', DEMO_PASSWORD);
      submit();
      await waitUntil(() => formStatus(root, 'password', '.saved'), 'the password was not changed');
      expect(mockUser('carol').password).to.equal('new-secret-1');
      expect(root.querySelector<HTMLInputElement>('#password-next')!.value).to.equal('');
    });

    it('shows the organisation with its account manager only where the portal allows', async () => {
      const acme = mockState.organizations.find((o) => o.id === mockUser('carol').organization!.id)!;
      const manager = acme.accountManager!.name;
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      let root = await profile(el);
      const org = root.querySelector('[part="organization"]')!;
      expect(org.textContent).to.contain(acme.name);
      expect(org.textContent).to.contain(acme.address!);
      expect(org.textContent).to.contain(manager);
      el.remove();

      // Each change is seen by the next page load (a client asks for the portal settings once).
      mockState.portal.profile = { ...mockState.portal.profile, showAccountManager: false };
      await openAs('carol', { reset: false });
      const again = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      root = await profile(again);
      expect(root.querySelector('[part="organization"]')!.textContent).not.to.contain(manager);
      again.remove();

      mockState.portal.profile = { ...mockState.portal.profile, showOrganizationDetails: false };
      await openAs('carol', { reset: false });
      const third = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      root = await profile(third);
      expect(root.querySelector('[part="organization"]') === null, 'should be absent').to.equal(true);
    });

    it('opens the cookie banner from "Cookie settings"', async () => {
      let requests = 0;
      const onOpen = (e: Event) => {
        requests++;
        e.preventDefault();
      };
      window.addEventListener(CONSENT_OPEN_EVENT, onOpen);
      try {
        const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
        const root = await profile(el);
        root.querySelector<HTMLButtonElement>('[part="cookie-settings"]')!.click();
        expect(requests).to.equal(1);
        // With no banner on the page, openConsentBanner() mounts one.
        window.removeEventListener(CONSENT_OPEN_EVENT, onOpen);
        root.querySelector<HTMLButtonElement>('[part="cookie-settings"]')!.click();
        const banner = document.body.querySelector('portico-consent-banner');
        expect(banner !== null, 'should be present').to.equal(true);
        banner!.remove();
      } finally {
        window.removeEventListener(CONSENT_OPEN_EVENT, onOpen);
      }
    });

    it('signs out and shows the sign-in form', async () => {
      const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
      const root = await profile(el);
      const signedOut = oneEvent(el, 'portico-signed-out');
      root.querySelector<HTMLButtonElement>('[part="sign-out"]')!.click();
      await signedOut;
      expect(requestsTo('DELETE', '/session')).to.have.length(1);
      expect(mockState.cookieSession).to.equal(null);
      await waitUntil(() => sr(el).querySelector('portico-sign-in'));
      expect(sr(el).querySelector('[role="tablist"]') === null, 'should be absent').to.equal(true);
    });
  });

  it('shows the sign-in form when nobody is signed in, and the portal after signing in', async () => {
    await openAs(null);
    const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
    await waitUntil(() => sr(el).querySelector('portico-sign-in'));
    expect(sr(el).querySelector('h1')!.textContent).to.contain(mockState.portal.name);
    await expect(el).to.be.accessible();
    await signInNow('dave');
    await ready(el);
    expect(selectedTab(el)!.id).to.equal('tab-mine');
  });

  it('can be used with the keyboard alone: tabs, list, a ticket, and back', async () => {
    const el = await fixture<PorticoPortal>(html`<portico-portal></portico-portal>`);
    await ready(el);
    await chartsReady(el);
    const start = document.createElement('button');
    start.textContent = 'before';
    el.before(start);
    try {
      await customElements.whenDefined('portico-account-menu');
      await el.shadowRoot!.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('portico-account-menu')!
        .updateComplete;
      start.focus();
      // Tab into the portal: the account menu in the header, then the selected tab.
      await sendKeys({ press: 'Tab' });
      expect(deepActive()!.getAttribute('aria-haspopup')).to.equal('menu');
      await sendKeys({ press: 'Tab' });
      expect(deepActive()!.id).to.equal('tab-mine');
      await sendKeys({ press: 'ArrowLeft' });
      expect(deepActive()!.id).to.equal('tab-tickets');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => location.hash === '#/tickets');

      // On into the list, until a ticket's row button has focus.
      const list = () => panel(el).querySelector('portico-ticket-list')!;
      await waitUntil(() => list().shadowRoot?.querySelector('[part~="row-button"]'), 'no rows');
      let presses = 0;
      while (deepActive()?.getAttribute('part') !== 'row-button' && presses++ < 15) {
        await sendKeys({ press: 'Tab' });
      }
      const row = deepActive()!;
      expect(row.getAttribute('part')).to.equal('row-button');
      const ticketId = row.closest('[role="row"]')!.getAttribute('data-ticket-id')!;
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => location.hash === `#/ticket/${ticketId}`);
      const detail = () => panel(el).querySelector('portico-ticket-detail');
      await waitUntil(() => detail());
      // Focus moves to the ticket's panel, so the next Tab goes into the ticket.
      expect(sr(el).activeElement === panel(el), 'focus should be on the panel').to.equal(true);
      expect(selectedTab(el)!.id).to.equal('tab-tickets');

      await waitUntil(() => detail()!.shadowRoot?.querySelector('[part~="back"]'), 'no back button');
      presses = 0;
      while (deepActive()?.getAttribute('part') !== 'back' && presses++ < 15) {
        await sendKeys({ press: 'Tab' });
      }
      expect(deepActive()!.getAttribute('part')).to.equal('back');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => location.hash === '#/tickets');
      expect(panel(el).querySelector('portico-ticket-list') !== null, 'should be present').to.equal(true);
      expect(sr(el).activeElement === panel(el), 'focus should be on the panel').to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      start.remove();
    }
  });
});

// Keeps the profile element's type import in use for readers of this file.
export type { PorticoPortalProfile };
