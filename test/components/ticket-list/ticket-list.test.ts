import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/ticket-list/ticket-list.js';
import type { PorticoTicketList } from '../../../src/components/ticket-list/ticket-list.component.js';
import { getListCache } from '../../../src/core/cache.js';
import { setLocale } from '../../../src/core/i18n.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { DEMO_PASSWORD, makeBulkTickets } from '../../reference/fixtures.js';
import { addMockTickets, dropMockStreams, mockAgentReply, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';
import {
  activeContent,
  HOSTILE_ALL_IN_ONE,
  HOSTILE_PAYLOADS,
  installSentinel,
  settle,
} from '../ticket-detail/hostile-content.js';

type El = PorticoTicketList;
const root = (el: El) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: El, selector: string) => root(el).querySelector<T>(selector);
/** The ticket rows in the DOM (the grid is windowed: those near the viewport), in list order. */
const rows = (el: El) =>
  [...root(el).querySelectorAll<HTMLElement>('.body [role="row"]')].sort(
    (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
  );
const rowIds = (el: El) => rows(el).map((r) => r.dataset.ticketId);
const rowFor = (el: El, id: string) => $<HTMLElement>(el, `[role="row"][data-ticket-id="${id}"]`)!;
const grid = (el: El) => $(el, '[role="grid"]')!;
const ticketRequests = () => mockState.requests.filter((r) => r.path === '/tickets' && r.method === 'GET');

/** Waits until the list shows a final state (rows, empty, error, forbidden or sign-in). */
async function settled(el: El): Promise<void> {
  await el.updateComplete;
  await waitUntil(
    () => {
      const r = root(el);
      if (r.querySelector('portico-sign-in')) return true;
      if (r.querySelector('[role="grid"][aria-busy="true"], [part="state"][role="status"]')) return false;
      // The grid draws its rows a frame after it renders.
      return !!r.querySelector('.body [role="row"], [part="state"]');
    },
    'the list never settled',
    { timeout: 4000 },
  );
}

async function list(template = html`<portico-ticket-list></portico-ticket-list>`): Promise<El> {
  const el = await fixture<El>(template);
  await settled(el);
  return el;
}

function buttonNamed(scope: ParentNode, text: string): HTMLButtonElement {
  const button = [...scope.querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

describe('<portico-ticket-list>', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    services = await useMockServices({ as: 'carol' });
    // The list cache lives in IndexedDB and would carry lists from one test into the next.
    await getListCache(services.backend.baseUrl).clear();
  });

  describe('states', () => {
    it('shows a loading state, accessibly', async () => {
      mockState.delayMs = 400;
      const el = await fixture<El>(html`<portico-ticket-list></portico-ticket-list>`);
      const loading = $(el, '[part="state"][role="status"]');
      expect(loading?.textContent).to.contain('Loading tickets…');
      await expect(el).to.be.accessible();
      await settled(el);
    });

    it("lists the user's open tickets newest first, with status badges, service and unread marker", async () => {
      const el = await list();
      // carol's open tickets: 1001 (open, updated 14 May), 1002 (pending, 13 May), 1009 (new).
      expect(rowIds(el)).to.have.members(['t-1001', 't-1002', 't-1009']);
      const updated = rows(el).map((r) => r.querySelector('time')!.getAttribute('datetime')!);
      expect([...updated].sort().reverse()).to.deep.equal(updated);

      const badge = (id: string) => rowFor(el, id).querySelector('[part~="status-badge"]')!;
      expect(badge('t-1001').textContent).to.equal('Open');
      expect(badge('t-1001').getAttribute('data-status')).to.equal('open');
      expect(badge('t-1002').textContent).to.equal('Pending');
      expect(badge('t-1009').textContent).to.equal('New');
      // TVox colours: New yellow, Open red, Pending light blue.
      expect(getComputedStyle(badge('t-1001')).backgroundColor).to.equal('rgb(217, 48, 37)');
      expect(getComputedStyle(badge('t-1009')).backgroundColor).to.equal('rgb(245, 196, 0)');
      expect(getComputedStyle(badge('t-1002')).backgroundColor).to.equal('rgb(142, 205, 242)');

      expect(rowFor(el, 't-1001').textContent).to.contain('Network');
      const unread = rowFor(el, 't-1001').querySelector('[part~="row-button"]')!;
      expect(unread.querySelector('[part="unread"]')).to.exist;
      expect(unread.textContent).to.contain('Unread:');
      expect(rowFor(el, 't-1002').textContent).not.to.contain('Unread:');
      await expect(el).to.be.accessible();
    });

    it('shows Open/Closed only when the portal uses simple labels', async () => {
      mockState.portal.statusLabelMode = 'simple';
      const el = await list(html`<portico-ticket-list status="all"></portico-ticket-list>`);
      const labels = rows(el).map((r) => r.querySelector('[part~="status-badge"]')!.textContent);
      expect(new Set(labels)).to.deep.equal(new Set(['Open', 'Closed']));
      expect(rowFor(el, 't-1003').querySelector('[part~="status-badge"]')!.textContent).to.equal('Closed');
    });

    it('shows an empty state with a hint', async () => {
      const el = await list(html`<portico-ticket-list query="no such words"></portico-ticket-list>`);
      expect(rows(el)).to.have.length(0);
      const empty = $(el, '[part="state"]')!;
      expect(empty.textContent).to.contain('No tickets');
      expect(empty.textContent).to.contain('Nothing matches “no such words”');
      await expect(el).to.be.accessible();
    });

    it('shows an error with a Retry that works', async () => {
      mockState.offline = true;
      const el = await list();
      const error = $(el, '[part="state"][role="alert"]')!;
      expect(error.textContent).to.contain('The tickets could not be loaded.');
      await expect(el).to.be.accessible();
      mockState.offline = false;
      buttonNamed(error, 'Retry').click();
      await settled(el);
      expect(rowIds(el)).to.include('t-1001');
    });

    it('shows the last visit’s list at once when reopened, then the fresh one', async () => {
      const first = await list();
      expect(rowIds(first)).to.include('t-1009');
      first.remove();
      mockState.tickets.find((t) => t.id === 't-1009')!.subject = 'Renamed meanwhile';
      mockState.delayMs = 400;
      const el = await fixture<El>(html`<portico-ticket-list></portico-ticket-list>`);
      await waitUntil(() => rows(el).length === 3, 'the cached list did not show');
      // Still fetching: marked busy, old subject.
      expect(grid(el).getAttribute('aria-busy')).to.equal('true');
      expect(rowFor(el, 't-1009').textContent).not.to.contain('Renamed meanwhile');
      await expect(el).to.be.accessible();
      await settled(el);
      expect(rowFor(el, 't-1009').textContent).to.contain('Renamed meanwhile');
    });

    it('refreshes when put back on the page, keeping its rows in view meanwhile', async () => {
      const el = await list();
      const parent = el.parentElement!;
      el.remove();
      mockState.tickets.find((t) => t.id === 't-1002')!.subject = 'Laptop delivered';
      mockState.delayMs = 300;
      parent.append(el);
      await el.updateComplete;
      await waitUntil(() => rows(el).length === 3, 'the rows went away');
      expect(grid(el).getAttribute('aria-busy')).to.equal('true');
      await settled(el);
      expect(rowFor(el, 't-1002').textContent).to.contain('Laptop delivered');
    });

    it('does no work once removed mid-request, and loads with the current services when put back', async () => {
      mockState.delayMs = 300;
      const el = await fixture<El>(html`<portico-ticket-list></portico-ticket-list>`);
      const parent = el.parentElement!;
      await waitUntil(() => ticketRequests().length === 1, 'the first page was never asked for');
      el.remove();
      // The page switches to other services (another user) while the answer is still on its way.
      services = await useMockServices({ as: 'dave', reset: false });
      mockState.delayMs = 0;
      const before = mockState.requests.length;
      await aTimeout(600);
      el.requestUpdate();
      await el.updateComplete;
      await aTimeout(100);
      expect(mockState.requests.slice(before).map((r) => `${r.method} ${r.path}`)).to.deep.equal([]);
      expect(rows(el)).to.have.length(0);

      parent.append(el);
      await settled(el);
      // dave's open tickets, from the services in place now.
      expect(rowIds(el)).to.have.members(['t-1005', 't-1006', 't-1007']);
      expect(ticketRequests()).to.have.length(2);
    });

    it('keeps a cached list readable when it cannot be refreshed', async () => {
      (await list()).remove();
      mockState.offline = true;
      const el = await list();
      expect(rowIds(el)).to.have.length(3);
      expect($(el, '[part="state"][role="alert"]')!.textContent).to.contain('may be out of date');
      await expect(el).to.be.accessible();
      mockState.offline = false;
      buttonNamed($(el, '[part="state"]')!, 'Retry').click();
      await settled(el);
      expect($(el, '[part="state"]') === null, 'the warning should go').to.be.true;
    });

    it('renders the sign-in form when signed out, and loads after signing in', async () => {
      services = await useMockServices({ as: null });
      const el = await list();
      const signIn = $(el, 'portico-sign-in')!;
      expect(signIn).to.exist;
      await expect(el).to.be.accessible();
      await waitUntil(() => signIn.shadowRoot?.querySelector('input[name="password"]'), 'no sign-in form');
      const field = (name: string) => signIn.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      field('email').value = 'dave@acme.example';
      field('email').dispatchEvent(new Event('input'));
      field('password').value = DEMO_PASSWORD;
      field('password').dispatchEvent(new Event('input'));
      const signedIn = oneEvent(el, 'portico-signed-in');
      buttonNamed(signIn.shadowRoot!, 'Sign in').click();
      await signedIn;
      await waitUntil(() => rows(el).length > 0, 'the list did not reload after sign-in');
      expect(rowIds(el)).to.have.members(['t-1005', 't-1006', 't-1007']);
    });

    it('kept out of the page while someone else signs in (the launcher caches it), it loads theirs on coming back', async () => {
      const el = await list();
      expect(rowIds(el)).to.not.include('t-1005');
      const parent = el.parentElement!;
      el.remove();
      mockState.cookieSession = null;
      services.session.set(null);
      services.session.set(await services.backend.signIn({ email: 'dave@acme.example', password: DEMO_PASSWORD }));
      parent.append(el);
      await waitUntil(() => rowIds(el).includes('t-1005'), "the list kept the previous person's state");
      expect(rowIds(el)).to.have.members(['t-1005', 't-1006', 't-1007']);
    });

    it('shows the sign-in form when the session expires', async () => {
      const el = await list();
      mockState.cookieSession = null;
      el.status = 'closed';
      await waitUntil(() => $(el, 'portico-sign-in'), 'no sign-in after a 401');
      expect(services.session.signedIn).to.be.false;
    });
  });

  describe('attributes', () => {
    it('defaults to my open tickets, newest first, and reflects its properties', async () => {
      const el = await list();
      expect(el.scope).to.equal('mine');
      expect(el.status).to.equal('open');
      expect(el.sort).to.equal('-updated');
      expect(el.getAttribute('scope')).to.equal('mine');
      el.status = 'all';
      el.scope = 'organization';
      await settled(el);
      expect(el.getAttribute('status')).to.equal('all');
      expect(el.getAttribute('scope')).to.equal('organization');
      const last = new URL(ticketRequests().at(-1)!.url);
      expect(last.searchParams.get('status')).to.equal('all');
      expect(last.searchParams.get('scope')).to.equal('organization');
    });

    it('filters by status from the select', async () => {
      const el = await list();
      const select = $<HTMLSelectElement>(el, 'select[part="status-filter"]')!;
      expect(select.value).to.equal('open');
      select.value = 'closed';
      select.dispatchEvent(new Event('change'));
      await settled(el);
      expect(el.getAttribute('status')).to.equal('closed');
      expect(rowIds(el)).to.have.members(['t-1003', 't-1004']);
      expect(rowFor(el, 't-1004').querySelector('[part~="status-badge"]')!.textContent).to.equal('Closed');
      expect(getComputedStyle(rowFor(el, 't-1004').querySelector('[part~="status-badge"]')!).backgroundColor).to.equal(
        'rgb(154, 160, 166)',
      );
    });

    it('toggles the sort by last update', async () => {
      const el = await list(html`<portico-ticket-list status="all"></portico-ticket-list>`);
      const newestFirst = rowIds(el);
      const th = $(el, '[role="columnheader"][aria-sort]')!;
      expect(th.getAttribute('aria-sort')).to.equal('descending');
      th.querySelector('button')!.click();
      await settled(el);
      expect(el.getAttribute('sort')).to.equal('updated');
      expect($(el, '[role="columnheader"][aria-sort]')!.getAttribute('aria-sort')).to.equal('ascending');
      expect(rowIds(el)).to.deep.equal([...newestFirst].reverse());
    });
  });

  describe('sort', () => {
    it('sorts by status or creation from the sort select, through the gateway', async () => {
      const el = await list(html`<portico-ticket-list status="all"></portico-ticket-list>`);
      const select = $<HTMLSelectElement>(el, 'select[part="sort-select"]')!;
      expect(select.value).to.equal('-updated');
      expect([...select.options].map((o) => o.value)).to.deep.equal([
        '-updated',
        'updated',
        '-created',
        'created',
        'status',
      ]);
      select.value = 'status';
      select.dispatchEvent(new Event('change'));
      await settled(el);
      expect(el.getAttribute('sort')).to.equal('status');
      expect(new URL(ticketRequests().at(-1)!.url).searchParams.get('sort')).to.equal('status');
      const order = ['new', 'open', 'pending', 'solved', 'closed'];
      const statuses = rows(el).map((r) => r.querySelector('[part~="status-badge"]')!.getAttribute('data-status')!);
      expect([...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b))).to.deep.equal(statuses);
      expect(new Set(statuses).size).to.be.greaterThan(2);
      const sorted = [...root(el).querySelectorAll('[role="columnheader"][aria-sort]')].map((h) =>
        h.textContent!.trim(),
      );
      expect(sorted).to.deep.equal(['Status']);

      select.value = 'created';
      select.dispatchEvent(new Event('change'));
      await settled(el);
      expect(new URL(ticketRequests().at(-1)!.url).searchParams.get('sort')).to.equal('created');
      const created = rowIds(el).map((id) => mockState.tickets.find((t) => t.id === id)!.createdAt);
      expect([...created].sort()).to.deep.equal(created);
      await expect(el).to.be.accessible();
    });

    it('localizes every sort choice', async () => {
      const el = await list();
      try {
        await setLocale('nl');
        await el.updateComplete;
        const options = [...$<HTMLSelectElement>(el, 'select[part="sort-select"]')!.options].map((o) => o.textContent);
        expect(options).to.deep.equal([
          'Laatst bijgewerkt, nieuwste eerst',
          'Laatst bijgewerkt, oudste eerst',
          'Nieuwste meldingen eerst',
          'Oudste meldingen eerst',
          'Status',
        ]);
        expect($(el, 'label[for="sort"]')!.textContent).to.equal('Sorteren op');
      } finally {
        await setLocale('en');
      }
    });
  });

  describe('selection', () => {
    it('emits portico-ticket-select with the ticket id on click', async () => {
      const el = await list();
      const event = oneEvent(el, 'portico-ticket-select');
      rowFor(el, 't-1002').querySelector<HTMLButtonElement>('[part~="row-button"]')!.click();
      const { detail, bubbles, composed } = await event;
      expect(detail).to.deep.equal({ ticketId: 't-1002' });
      expect(bubbles && composed).to.be.true;
    });

    it('opens a row from anywhere in it with the mouse, once', async () => {
      const el = await list();
      const seen: string[] = [];
      el.addEventListener('portico-ticket-select', (e) => seen.push(e.detail.ticketId));
      (rowFor(el, 't-1009').querySelector('.cell:nth-child(3)') as HTMLElement).click();
      rowFor(el, 't-1009').querySelector<HTMLButtonElement>('[part~="row-button"]')!.click();
      expect(seen).to.deep.equal(['t-1009', 't-1009']);
    });

    for (const key of ['Enter', 'Space']) {
      it(`activates a row with ${key}`, async () => {
        const el = await list();
        rowFor(el, 't-1001').querySelector<HTMLButtonElement>('[part~="row-button"]')!.focus();
        const event = oneEvent(el, 'portico-ticket-select');
        await sendKeys({ press: key });
        expect((await event).detail).to.deep.equal({ ticketId: 't-1001' });
        // Opening clears the unread marker at once.
        await el.updateComplete;
        expect(rowFor(el, 't-1001').textContent).not.to.contain('Unread:');
      });
    }
  });

  describe('search, paging and scope', () => {
    it('searches after a pause in typing', async () => {
      const el = await list(html`<portico-ticket-list status="all"></portico-ticket-list>`);
      const before = ticketRequests().length;
      const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
      for (const partial of ['v', 'vp', 'vpn']) {
        input.value = partial;
        input.dispatchEvent(new Event('input'));
      }
      await waitUntil(() => el.query === 'vpn', 'the search never ran');
      await settled(el);
      expect(rowIds(el)).to.deep.equal(['t-1001']);
      // Debounced: one request for three keystrokes.
      expect(ticketRequests().length - before).to.equal(1);
      expect(new URL(ticketRequests().at(-1)!.url).searchParams.get('q')).to.equal('vpn');
    });

    it('drops a slower earlier search when a newer one starts', async () => {
      const el = await list(html`<portico-ticket-list status="all"></portico-ticket-list>`);
      mockState.delayMs = 200;
      el.query = 'invoice';
      await el.updateComplete;
      el.query = 'laptop';
      await settled(el);
      expect(rowIds(el)).to.deep.equal(['t-1002']);
      await aTimeout(300);
      expect(rowIds(el)).to.deep.equal(['t-1002']);
    });

    it('fetches the next pages as the end of the list comes into view, announcing each', async () => {
      mockState.delayMs = 100;
      const el = await list(html`<portico-ticket-list status="all" page-size="2"></portico-ticket-list>`);
      // Five tickets, two a page: the grid's end is in view, so the next pages follow on their own.
      await waitUntil(() => $(el, '[part="loading-more"]'), 'no pending state for the next page');
      await waitUntil(() => rows(el).length === 5, 'the next pages never came');
      const pages = ticketRequests().map((r) => new URL(r.url).searchParams.get('cursor'));
      expect(pages).to.have.length(3);
      expect(pages[0]).to.equal(null);
      expect(pages[1] && pages[2] && pages[1] !== pages[2], 'each page asks with the cursor of the one before').to.be
        .true;
      expect(new Set(rowIds(el)).size).to.equal(5);
      await waitUntil(
        () => $(el, '[role="status"]')!.textContent!.includes('1 more tickets loaded'),
        'no announcement',
      );
      expect($(el, '[part="loading-more"]')).to.equal(null);
      // All loaded: the grid announces its full count (the header row is row 1).
      expect(grid(el).getAttribute('aria-rowcount')).to.equal('6');
      expect(rows(el).map((r) => r.getAttribute('aria-rowindex'))).to.deep.equal(['2', '3', '4', '5', '6']);
      await expect(el).to.be.accessible();
    });

    it('draws only the rows near the viewport of 10,000, and keeps their count and positions for screen readers', async () => {
      addMockTickets(makeBulkTickets(10000));
      const wrap = await fixture(
        html`<div style="block-size: 400px; overflow: auto"><portico-ticket-list status="all" page-size="100"></portico-ticket-list></div>`,
      );
      const el = wrap.querySelector<El>('portico-ticket-list')!;
      await settled(el);
      const scroller = el.parentElement!;
      expect(rows(el).length).to.be.within(5, 40);
      expect(grid(el).getAttribute('aria-rowcount')).to.equal('-1', 'unknown while more pages remain');
      expect(rows(el)[0]!.getAttribute('aria-rowindex')).to.equal('2');
      expect(ticketRequests()).to.have.length(1);
      // Scrolling to the end of the first 100 brings the next page, still drawing a window only.
      scroller.scrollTop = scroller.scrollHeight;
      await waitUntil(() => ticketRequests().length === 2, 'no next page after scrolling to the end');
      await waitUntil(() => rows(el).some((r) => Number(r.dataset.index) >= 100), 'the next page was not drawn');
      expect(new URL(ticketRequests()[1]!.url).searchParams.get('cursor')).to.be.a('string');
      expect(rows(el).length).to.be.within(5, 40);
      const last = rows(el).at(-1)!;
      expect(last.getAttribute('aria-rowindex')).to.equal(String(Number(last.dataset.index) + 2));
      await expect(el).to.be.accessible();
    });

    it('moves between rows with the arrow keys, Home and End, one Tab stop, loading on past the last row', async () => {
      addMockTickets(makeBulkTickets(30));
      const el = await list(html`<portico-ticket-list status="all" page-size="100"></portico-ticket-list>`);
      const total = Number(grid(el).getAttribute('aria-rowcount')) - 1;
      expect(total).to.be.greaterThan(30);
      const buttons = () => rows(el).map((r) => r.querySelector<HTMLButtonElement>('[part="row-button"]')!);
      expect(buttons().filter((b) => b.tabIndex === 0)).to.have.length(1);
      buttons()[0]!.focus();
      const focusedId = () =>
        (root(el).activeElement as HTMLElement | null)?.closest<HTMLElement>('[role="row"]')?.dataset.ticketId;
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focusedId() === rowIds(el)[1], 'ArrowDown did not move to the next row');
      await sendKeys({ press: 'End' });
      await waitUntil(() => focusedId() === 't-bulk-1', 'End did not move to the last row (the oldest)');
      expect(rowFor(el, 't-bulk-1').getAttribute('aria-rowindex')).to.equal(String(total + 1));
      expect(
        buttons()
          .filter((b) => b.tabIndex === 0)
          .map((b) => b.closest<HTMLElement>('[role="row"]')!.dataset.ticketId),
      ).to.deep.equal([focusedId()]);
      await sendKeys({ press: 'Home' });
      await waitUntil(() => focusedId() === rowIds(el)[0], 'Home did not move to the first row');
      await sendKeys({ press: 'ArrowUp' });
      expect(focusedId()).to.equal(rowIds(el)[0]);
    });

    it('offers a Load more button again when a next page fails', async () => {
      addMockTickets(makeBulkTickets(30));
      const wrap = await fixture(
        html`<div style="block-size: 200px; overflow: auto"><portico-ticket-list status="all" page-size="25"></portico-ticket-list></div>`,
      );
      const el = wrap.querySelector<El>('portico-ticket-list')!;
      await settled(el);
      expect(ticketRequests()).to.have.length(1);
      mockState.offline = true;
      wrap.scrollTop = wrap.scrollHeight;
      await waitUntil(() => $(el, '[part="load-more"]'), 'no retry after a failed page', { timeout: 4000 });
      expect($(el, '.footer [role="alert"]')!.textContent).to.contain('More tickets could not be loaded.');
      await expect(el).to.be.accessible();
      mockState.offline = false;
      $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
      await waitUntil(() => grid(el).getAttribute('aria-rowcount') !== '-1', 'the retry did not load the rest');
      expect($(el, '[part="load-more"]')).to.equal(null);
    });

    it("offers a company user the organisation's tickets", async () => {
      const el = await list();
      const group = $(el, '[part="scope-switch"]')!;
      expect(group.getAttribute('role')).to.equal('group');
      const mine = buttonNamed(group, 'My tickets');
      const org = buttonNamed(group, 'All of Acme Corp');
      expect(mine.getAttribute('aria-pressed')).to.equal('true');
      org.click();
      await settled(el);
      expect(el.getAttribute('scope')).to.equal('organization');
      expect(org.getAttribute('aria-pressed')).to.equal('true');
      // dave's tickets show up, with a requester column.
      expect(rowIds(el)).to.include.members(['t-1005', 't-1006']);
      expect(rowFor(el, 't-1005').textContent).to.contain('Dave de Vries');
      expect([...root(el).querySelectorAll('[role="columnheader"]')].map((th) => th.textContent!.trim())).to.include(
        'Requester',
      );
      await expect(el).to.be.accessible();
    });

    it('in a launcher-wide place, the subject keeps its room: service and requester give way', async () => {
      const wrap = await fixture(
        html`<div style="inline-size: 390px"><portico-ticket-list scope="organization" status="all"></portico-ticket-list></div>`,
      );
      const el = wrap.querySelector<El>('portico-ticket-list')!;
      await settled(el);
      const subject = rowFor(el, 't-1005').querySelector<HTMLElement>('[part="row-button"]')!;
      expect(subject.getBoundingClientRect().width).to.be.above(0.4 * 390, 'the subject column collapsed');
      const requester = rowFor(el, 't-1005').querySelector<HTMLElement>('.requester')!;
      expect(getComputedStyle(requester).display).to.equal('none');
      // The columns line up row under row, whatever each row's status or time text is.
      const badgeLefts = new Set(
        [...root(el).querySelectorAll<HTMLElement>('.body [role="row"] [role="gridcell"]:nth-child(2)')].map((c) =>
          Math.round(c.getBoundingClientRect().left),
        ),
      );
      expect(badgeLefts.size).to.equal(1, `status cells start at ${[...badgeLefts].join(', ')}`);
    });

    it('leaves the switch out when the host offers its own (no-scope-switch)', async () => {
      const el = await list(html`<portico-ticket-list scope="organization" no-scope-switch></portico-ticket-list>`);
      expect($(el, '[part="scope-switch"]') === null, 'the switch should be hidden').to.be.true;
      expect(rowIds(el)).to.include('t-1005');
      await expect(el).to.be.accessible();
    });

    it('never shows the switch to a plain user, and explains a 403', async () => {
      services = await useMockServices({ as: 'dave' });
      const el = await list();
      expect($(el, '[part="scope-switch"]') === null, 'unexpected $(el, \'[part="scope-switch"]\')').to.be.true;
      expect(rowIds(el)).to.have.members(['t-1005', 't-1006', 't-1007']);

      el.scope = 'organization';
      await settled(el);
      const message = $(el, '[part="state"][role="alert"]')!;
      expect(message.textContent).to.contain('You cannot see your organisation’s tickets.');
      expect($(el, '[part="scope-switch"]') === null, 'unexpected $(el, \'[part="scope-switch"]\')').to.be.true;
      await expect(el).to.be.accessible();
      buttonNamed(message, 'Show my tickets').click();
      await settled(el);
      expect(el.scope).to.equal('mine');
      expect(rowIds(el)).to.have.length(3);
    });
  });

  describe('live updates', () => {
    it('refreshes a row when the server says the ticket changed', async () => {
      const el = await list();
      await waitUntil(() => mockState.requests.some((r) => r.path === '/events'), 'no event stream');
      await aTimeout(50);
      expect(rowFor(el, 't-1009').querySelector('[part~="status-badge"]')!.textContent).to.equal('New');
      // An agent's answer moves a new ticket to open and marks it unread.
      mockAgentReply('t-1009', '<p>Looking into it.</p>');
      await waitUntil(
        () => rowFor(el, 't-1009').querySelector('[part~="status-badge"]')!.textContent === 'Open',
        'the row was not refreshed',
      );
      expect(rowFor(el, 't-1009').textContent).to.contain('Unread:');
    });

    it('moves a changed row where the sort puts it, touching only that row, and tells the page', async () => {
      const el = await list(html`<portico-ticket-list status="all"></portico-ticket-list>`);
      await waitUntil(() => mockState.requests.some((r) => r.path === '/events'), 'no event stream');
      await aTimeout(50);
      const before = rowIds(el) as string[];
      const moving = before.at(-1)!;
      const others = new Map(before.filter((id) => id !== moving).map((id) => [id, rowFor(el, id)]));
      const texts = new Map([...others].map(([id, row]) => [id, row.textContent]));
      const changed: string[] = [];
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const row = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest<HTMLElement>(
            '[role="row"]',
          );
          // Positions move with the order (aria-rowindex), and the Tab stop with the first row; contents must not.
          if (r.type === 'attributes' && ['aria-rowindex', 'data-index', 'tabindex'].includes(r.attributeName!))
            continue;
          if (row && row.dataset.ticketId !== moving && row !== r.target) changed.push(row.dataset.ticketId!);
        }
      });
      observer.observe($(el, '.body')!, { subtree: true, childList: true, characterData: true, attributes: true });
      const told = oneEvent(el, 'portico-ticket-updated');
      mockAgentReply(moving, '<p>News.</p>');
      await waitUntil(() => rowIds(el)[0] === moving, 'the changed row did not move to the top');
      expect((await told).detail.ticket.id).to.equal(moving);
      await aTimeout(50);
      observer.disconnect();
      expect(changed, 'other rows were re-rendered').to.deep.equal([]);
      for (const [id, row] of others) {
        expect(rowFor(el, id) === row, `${id} kept its element`).to.be.true;
        expect(row.textContent).to.equal(texts.get(id));
      }
      expect(rowIds(el).slice(1)).to.deep.equal(before.slice(0, -1));
      expect(rowFor(el, moving).getAttribute('aria-rowindex')).to.equal('2');
    });

    it('moves a changed row to the end of an oldest-first list once every page is loaded', async () => {
      const el = await list(
        html`<portico-ticket-list status="all" sort="updated" page-size="2"></portico-ticket-list>`,
      );
      // Oldest first, two a page: the pages follow each other until all are in.
      await waitUntil(() => grid(el).getAttribute('aria-rowcount') !== '-1', 'not every page came');
      await waitUntil(() => mockState.requests.some((r) => r.path === '/events'), 'no event stream');
      await aTimeout(50);
      const first = rowIds(el)[0]!;
      mockAgentReply(first, '<p>News.</p>');
      // Everything is loaded: the newest update goes to the end.
      await waitUntil(() => rowIds(el).at(-1) === first, 'the row did not move to the end');
    });

    it('loads the list again when the event stream comes back after a break', async () => {
      const el = await list();
      await waitUntil(() => mockState.requests.some((r) => r.path === '/events'), 'no event stream');
      await aTimeout(50);
      // A change no event will replay, then the connection drops.
      mockState.tickets.find((t) => t.id === 't-1009')!.subject = 'Renamed while away';
      dropMockStreams();
      await waitUntil(
        () => rowFor(el, 't-1009').textContent!.includes('Renamed while away'),
        'the list was not loaded again',
      );
    });

    it('holds one event stream while on the page and closes it when removed', async () => {
      const backend = services.backend;
      const subscribe = backend.subscribe.bind(backend);
      let opened = 0;
      let closed = 0;
      backend.subscribe = (handlers) => {
        opened++;
        const subscription = subscribe(handlers);
        return {
          close() {
            closed++;
            subscription.close();
          },
        };
      };
      const el = await list();
      el.status = 'all';
      await settled(el);
      expect([opened, closed]).to.deep.equal([1, 0]);
      el.remove();
      expect([opened, closed]).to.deep.equal([1, 1]);
    });
  });

  it('renders Dutch when the locale is nl', async () => {
    const el = await list();
    try {
      await setLocale('nl');
      await el.updateComplete;
      expect($(el, 'label[for="search"]')!.textContent).to.equal('Meldingen zoeken');
      expect($<HTMLSelectElement>(el, 'select')!.selectedOptions[0].textContent).to.equal('Openstaande meldingen');
      expect(rowFor(el, 't-1009').querySelector('[part~="status-badge"]')!.textContent).to.equal('Nieuw');
      expect(rowFor(el, 't-1002').querySelector('[part~="status-badge"]')!.textContent).to.equal('In afwachting');
      expect(buttonNamed($(el, '[part="scope-switch"]')!, 'Mijn meldingen')).to.exist;
      expect(rowFor(el, 't-1001').textContent).to.contain('Ongelezen:');
    } finally {
      await setLocale('en');
    }
  });

  it('shows hostile subjects, services and names as text', async () => {
    const sentinel = installSentinel();
    try {
      mockState.tickets.forEach((t, i) => {
        t.subject = HOSTILE_PAYLOADS[i % HOSTILE_PAYLOADS.length];
        t.service = HOSTILE_ALL_IN_ONE;
      });
      mockState.users.find((u) => u.id === 'u-dave')!.name = HOSTILE_ALL_IN_ONE;
      const el = await list(html`<portico-ticket-list scope="organization" status="all"></portico-ticket-list>`);
      expect(rows(el).length).to.be.greaterThan(3);
      await settle();
      expect(root(el).textContent).to.contain('<script>window.__pwned()</script>');
      expect(
        root(el).querySelector('.body img, .body svg, .body script, .body a') === null,
        'no active element in the rows',
      ).to.be.true;
      expect(activeContent(el.parentElement!)).to.deep.equal([]);
      expect(sentinel.calls).to.equal(0);
    } finally {
      sentinel.restore();
    }
  });
});
