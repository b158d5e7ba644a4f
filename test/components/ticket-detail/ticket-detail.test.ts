import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/ticket-detail/ticket-detail.js';
import type { PorticoTicketDetail } from '../../../src/components/ticket-detail/ticket-detail.component.js';
import { getDraftStore } from '../../../src/core/drafts.js';
import { openLocalStore } from '../../../src/core/local-store.js';
import { getOutbox } from '../../../src/core/outbox.js';
import { setLocale } from '../../../src/core/i18n.js';
import type { PorticoServices } from '../../../src/core/services.js';
import type { MessageSeed } from '../../reference/fixtures.js';
import { worker } from '../../mocks/browser.js';
import { BASE, dropMockStreams, mockAgentReply, mockMerge, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';
import { activeContent, HOSTILE_ALL_IN_ONE, HOSTILE_PAYLOADS, installSentinel, settle } from './hostile-content.js';

type El = PorticoTicketDetail;
const root = (el: El) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: El, selector: string) => root(el).querySelector<T>(selector);
const messages = (el: El) => [...root(el).querySelectorAll<HTMLLIElement>('ol.messages > li')];
const liveRegion = (el: El) => $(el, '[part="live-region"]')!;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function buttonNamed(scope: ParentNode, name: string): HTMLButtonElement {
  const button = [...scope.querySelectorAll('button')].find((b) => text(b) === name);
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}

/** Waits until the detail shows a final state: the ticket, not-found, an error or sign-in. */
async function settled(el: El): Promise<void> {
  await el.updateComplete;
  await waitUntil(
    () =>
      $(el, '[part="base"]')?.getAttribute('aria-busy') === 'false' &&
      !!$(el, 'header[part="header"], [part="state"], portico-sign-in'),
    'the ticket never settled',
    { timeout: 4000 },
  );
}

async function detail(id = 't-1001', extra = html``): Promise<El> {
  const el = await fixture<El>(html`<portico-ticket-detail ticket-id=${id}></portico-ticket-detail>${extra}`);
  await settled(el);
  return el;
}

/** Presses "Show earlier messages" until the thread's first message is on screen. */
async function showWholeThread(el: El): Promise<void> {
  for (let button = $<HTMLButtonElement>(el, '[part="earlier"]'); button; button = $(el, '[part="earlier"]')) {
    const before = messages(el).length;
    button.click();
    await waitUntil(() => messages(el).length > before, 'an older page never showed');
    await el.updateComplete;
  }
}

function typeReply(el: El, value: string) {
  const area = $<HTMLTextAreaElement>(el, '#reply-text')!;
  area.value = value;
  area.dispatchEvent(new Event('input'));
}

function attach(el: El, list: File[]) {
  const files = new DataTransfer();
  for (const f of list) files.items.add(f);
  const input = $<HTMLInputElement>(el, '#reply-files')!;
  input.files = files.files;
  input.dispatchEvent(new Event('change'));
}

async function eventStreamOpen(): Promise<void> {
  await waitUntil(() => mockState.requests.some((r) => r.path === '/events'), 'no event stream');
  // The mock registers the stream as its answer starts.
  await aTimeout(50);
}

const LONG_THREAD_START = Date.parse('2025-06-01T08:00:00Z');

/** `count` customer messages on ticket t-1009, a minute apart from LONG_THREAD_START: "Long thread message 1" … */
function addLongThread(count: number): void {
  const start = LONG_THREAD_START;
  for (let i = 1; i <= count; i++) {
    mockState.messages.push({
      id: `m-long-${i}`,
      ticketId: 't-1009',
      author: { name: 'Carol Jansen', role: 'customer' },
      createdAt: new Date(start + i * 60_000).toISOString(),
      body: { format: 'text', content: `Long thread message ${i}` },
      attachments: [],
    });
  }
}

describe('<portico-ticket-detail>', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    // Queued replies live in IndexedDB: none may carry over from another test (or test file).
    await openLocalStore(BASE, 'outbox').clear();
    services = await useMockServices({ as: 'carol' });
    await getDraftStore(services.backend.baseUrl).clear();
  });

  afterEach(async () => {
    worker.resetHandlers();
    const outbox = getOutbox(services);
    await outbox.clear();
    outbox.stop();
  });

  describe('states', () => {
    it('shows a loading state, accessibly', async () => {
      mockState.delayMs = 400;
      const el = await fixture<El>(html`<portico-ticket-detail ticket-id="t-1001"></portico-ticket-detail>`);
      expect(text($(el, '[part="state"][role="status"]'))).to.equal('Loading ticket…');
      await expect(el).to.be.accessible();
      await settled(el);
    });

    it('shows the ticket: subject, number, status, dates and people', async () => {
      const el = await detail();
      expect(text($(el, 'h2'))).to.equal('VPN drops every 10 minutes since the last update');
      expect(text($(el, '.number'))).to.equal('Ticket #1001');
      expect(text($(el, '[part~="status-badge"]'))).to.equal('Open');
      const facts = Object.fromEntries(
        [...root(el).querySelectorAll('[part="facts"] > div')].map((d) => [
          text(d.querySelector('dt')),
          text(d.querySelector('dd')),
        ]),
      );
      expect(facts).to.include({
        Requester: 'Carol Jansen',
        Organisation: 'Acme Corp',
        Service: 'Network',
        'Handled by': 'Alex Jansen',
      });
      expect(facts.Created).to.equal(
        new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date('2025-05-12T08:14:00Z'),
        ),
      );
      expect($(el, '[part="facts"] time')!.getAttribute('datetime')).to.equal('2025-05-12T08:14:00Z');
      await expect(el).to.be.accessible();
    });

    it('leaves out facts the ticket does not have', async () => {
      const ticket = mockState.tickets.find((t) => t.id === 't-1001')!;
      ticket.service = null;
      ticket.assignee = null;
      const el = await detail();
      const labels = [...root(el).querySelectorAll('[part="facts"] dt')].map((dt) => text(dt));
      expect(labels).not.to.include('Service');
      expect(labels).not.to.include('Handled by');
      expect(labels).to.include('Requester');
    });

    it('shows "ticket not found" for an unknown ticket or someone else’s', async () => {
      const el = await detail('t-nope');
      expect(text($(el, '[part="state"]'))).to.contain('Ticket not found');
      await expect(el).to.be.accessible();
      // t-1010 belongs to Globex: carol may not see it.
      el.ticketId = 't-1010';
      await settled(el);
      expect(text($(el, '[part="state"]'))).to.contain('Ticket not found');
      expect($(el, 'h2') === null, "unexpected $(el, 'h2')").to.be.true;
    });

    it('shows a ticket without messages, accessibly', async () => {
      mockState.messages = mockState.messages.filter((m) => m.ticketId !== 't-1009');
      const el = await detail('t-1009');
      expect(text($(el, '[part="conversation"]'))).to.contain('No messages yet.');
      await expect(el).to.be.accessible();
    });

    it('shows an error with a Retry that works', async () => {
      mockState.offline = true;
      const el = await detail();
      const error = $(el, '[part="state"][role="alert"]')!;
      expect(text(error)).to.contain('The ticket could not be loaded.');
      expect(text(error)).to.contain('cannot be reached');
      await expect(el).to.be.accessible();
      mockState.offline = false;
      buttonNamed(error, 'Retry').click();
      await settled(el);
      expect(text($(el, 'h2'))).to.contain('VPN drops');
    });

    it('does no work once removed mid-load, and loads with the current services when put back', async () => {
      mockState.delayMs = 300;
      const el = await fixture<El>(html`<portico-ticket-detail ticket-id="t-1001"></portico-ticket-detail>`);
      const parent = el.parentElement!;
      await waitUntil(
        () => mockState.requests.some((r) => r.path === '/tickets/t-1001'),
        'the ticket was never asked for',
      );
      el.remove();
      getOutbox(services).stop();
      services = await useMockServices({ as: 'carol', reset: false });
      mockState.delayMs = 0;
      const before = mockState.requests.length;
      await aTimeout(600);
      el.requestUpdate();
      await el.updateComplete;
      await aTimeout(100);
      expect(mockState.requests.slice(before).map((r) => `${r.method} ${r.path}`)).to.deep.equal([]);
      parent.append(el);
      await settled(el);
      expect(text($(el, 'h2'))).to.contain('VPN drops');
    });

    it('renders the sign-in form when signed out', async () => {
      services = await useMockServices({ as: null });
      const el = await detail();
      expect($(el, 'portico-sign-in')).to.exist;
      expect($(el, 'h2') === null, "unexpected $(el, 'h2')").to.be.true;
      await expect(el).to.be.accessible();
    });
  });

  describe('attributes', () => {
    it('reflects ticket-id and loads another ticket when it changes', async () => {
      const el = await detail();
      expect(el.ticketId).to.equal('t-1001');
      el.ticketId = 't-1002';
      await settled(el);
      expect(el.getAttribute('ticket-id')).to.equal('t-1002');
      expect(text($(el, 'h2'))).to.equal('New laptop for onboarding Jan Pieters');
    });

    it('a ticket the helpdesk merged into another shows the surviving one, says so, and takes the reply there', async () => {
      // The gateway answers a merged-away id with the surviving ticket (RT's merge; docs/protocol.md).
      mockMerge('961', 't-1001');
      const el = await detail('961');
      expect(text($(el, '[part="merged"]'))).to.equal('Ticket #961 was merged into this ticket.');
      expect(text($(el, '.number'))).to.equal('Ticket #1001');
      await expect(el).to.be.accessible();
      typeReply(el, 'Answering the merged ticket.');
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => messages(el).some((li) => li.textContent!.includes('Answering the merged')), 'not shown');
      expect(mockState.messages.filter((m) => m.body.content === 'Answering the merged ticket.')).to.have.length(1);
      expect(mockState.messages.find((m) => m.body.content === 'Answering the merged ticket.')!.ticketId).to.equal(
        't-1001',
      );
      const plain = await detail();
      expect($(plain, '[part="merged"]'), 'no note on a ticket asked for by its own id').to.equal(null);
    });

    it('shows a Back button only with show-back, emitting portico-back', async () => {
      const plain = await detail();
      expect($(plain, '[part="back"]') === null, 'unexpected $(plain, \'[part="back"]\')').to.be.true;
      const el = await fixture<El>(html`<portico-ticket-detail ticket-id="t-1001" show-back></portico-ticket-detail>`);
      await settled(el);
      expect(el.showBack).to.be.true;
      const back = oneEvent(el, 'portico-back');
      $<HTMLButtonElement>(el, '[part="back"]')!.click();
      const { bubbles, composed } = await back;
      expect(bubbles && composed).to.be.true;
    });
  });

  describe('conversation', () => {
    it('lists public messages oldest first, telling customer and support apart', async () => {
      const el = await detail();
      const items = messages(el);
      // The internal note never shows.
      expect(items).to.have.length(3);
      expect(text(root(el).querySelector('[part="conversation"]'))).not.to.contain('INTERNAL');
      const times = items.map((li) => li.querySelector('time')!.getAttribute('datetime')!);
      expect([...times].sort()).to.deep.equal(times);
      expect(items.map((li) => li.classList.contains('agent'))).to.deep.equal([false, true, false]);
      expect(text(items[0].querySelector('.author'))).to.equal('Carol Jansen');
      expect(text(items[0].querySelector('.role-tag'))).to.equal('Customer');
      expect(text(items[1].querySelector('.author'))).to.equal('Alex Jansen');
      expect(text(items[1].querySelector('.role-tag'))).to.equal('Support');
      expect(getComputedStyle(items[0]).backgroundColor).not.to.equal(getComputedStyle(items[1]).backgroundColor);
    });

    it('shows the newest page of a long thread at once and fetches older pages only when asked', async () => {
      addLongThread(60);
      const thread = () => mockState.messages.filter((m) => m.ticketId === 't-1009' && !m.internal).length;
      const total = thread();
      const pageRequests = () => mockState.requests.filter((r) => r.path === '/tickets/t-1009/messages');
      const el = await detail('t-1009');
      // One page before anything shows: the newest 25, oldest of them on top.
      expect(pageRequests()).to.have.length(1);
      expect(new URL(pageRequests()[0]!.url).searchParams.get('sort')).to.equal('-created');
      let items = messages(el);
      expect(items).to.have.length(25);
      expect(text(items.at(-1)!)).to.contain('Long thread message 60');
      expect(text(items[0]!)).to.contain('Long thread message 36');

      buttonNamed(root(el), 'Show earlier messages').click();
      await waitUntil(() => messages(el).length === 50, 'the second page never showed');
      items = messages(el);
      expect(text(items[0]!)).to.contain('Long thread message 11');
      expect(text(items[25]!)).to.contain('Long thread message 36');
      expect(pageRequests()).to.have.length(2);
      expect(new URL(pageRequests()[1]!.url).searchParams.get('cursor')).to.be.a('string');
      await waitUntil(() => text(liveRegion(el)) === 'Earlier messages loaded.', 'not announced');

      buttonNamed(root(el), 'Show earlier messages').click();
      await waitUntil(() => messages(el).length === total, 'the last page never showed');
      const times = messages(el).map((li) => li.querySelector('time')!.getAttribute('datetime')!);
      expect([...times].sort()).to.deep.equal(times);
      expect(new Set(messages(el).map((li) => text(li))).size).to.equal(total);
      // The thread starts on screen: nothing more to fetch.
      await waitUntil(() => !root(el).querySelector('[part="earlier"]'), 'the button stayed');
      expect(pageRequests()).to.have.length(3);
    });

    it('keeps the messages it shows when an older page fails, and offers it again', async () => {
      for (let i = 1; i <= 30; i++) {
        mockState.messages.push({
          id: `m-fail-${i}`,
          ticketId: 't-1009',
          author: { name: 'Carol Jansen', role: 'customer' },
          createdAt: new Date(Date.parse('2025-06-01T08:00:00Z') + i * 60_000).toISOString(),
          body: { format: 'text', content: `Message ${i}` },
          attachments: [],
        });
      }
      const el = await detail('t-1009');
      expect(messages(el)).to.have.length(25);
      mockState.offline = true;
      buttonNamed(root(el), 'Show earlier messages').click();
      await waitUntil(
        () => text($(el, '.earlier')).includes('The earlier messages could not be loaded.'),
        'no error shown',
      );
      expect(messages(el)).to.have.length(25);
      mockState.offline = false;
      buttonNamed(root(el), 'Show earlier messages').click();
      await waitUntil(() => messages(el).length > 25, 'the retry never showed the older page');
    });

    it('says "Support team" instead of agent names where the portal hides them', async () => {
      mockState.portal.showAgentNames = false;
      const el = await detail();
      const agent = messages(el)[1];
      expect(text(agent.querySelector('.author'))).to.equal('Support team');
      expect(text(root(el).querySelector('[part="facts"]'))).not.to.contain('Alex Jansen');
    });

    it('renders html bodies sanitized, text with its line breaks, and markdown through the same sanitizer', async () => {
      mockState.messages.push(
        seed('m-x-text', 'First line\nSecond line', 'text'),
        seed(
          'm-x-md',
          '**bold** and [link](https://example.com)\n\n- one\n- two\n\n<img src=x onerror=alert(1)> ![remote](https://tracker.example/p.png)',
          'markdown',
        ),
      );
      const el = await detail();
      await waitUntil(() => root(el).querySelector('[data-format="markdown"] strong'), 'markdown never rendered');
      const [html1, html2, , plain, md] = messages(el);
      expect(html1.querySelector('.body strong')?.textContent).to.equal('10 minutes');
      expect(html1.querySelectorAll('.body li')).to.have.length(3);
      const link = html2.querySelector<HTMLAnchorElement>('.body a')!;
      expect(link.href).to.equal('https://downloads.example.com/vpn');
      expect(link.rel).to.equal('noopener noreferrer');
      const body = plain.querySelector('.body')!;
      expect(body.textContent).to.equal('First line\nSecond line');
      expect(getComputedStyle(body).whiteSpace).to.equal('pre-wrap');
      const rendered = md.querySelector('.body')!;
      expect(rendered.querySelector('strong')!.textContent).to.equal('bold');
      expect([...rendered.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
      const mdLink = rendered.querySelector<HTMLAnchorElement>('a[href="https://example.com"]')!;
      expect(mdLink.rel).to.equal('noopener noreferrer');
      // Raw HTML stays text, and an image is a link: nothing is fetched from elsewhere.
      expect(rendered.querySelector('img')).to.equal(null);
      expect(rendered.textContent).to.contain('<img src=x onerror=alert(1)>');
      expect(
        rendered.querySelector<HTMLAnchorElement>('a[href="https://tracker.example/p.png"]')!.textContent,
      ).to.equal('remote');
      await expect(el).to.be.accessible();
    });

    it('shows the ticket’s fields with their form’s labels and option names, in the form’s order', async () => {
      const el = await detail();
      const rows = [...root(el).querySelectorAll('[part~="field-list"] > div')].map((d) => [
        text(d.querySelector('dt')),
        text(d.querySelector('dd')),
      ]);
      expect(rows).to.deep.equal([
        ['Product', 'VPN'],
        ['Urgency', 'High — I cannot work'],
      ]);
      expect(text($(el, '[part="facts"]'))).to.contain('Network');
      expect(text($(el, '[part="facts"]'))).to.contain('Alex Jansen');
      expect(mockState.requests.some((r) => r.path === '/forms/general')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('labels the fields in the customer’s language, and dates and checkboxes in words', async () => {
      const ticket = mockState.tickets.find((t) => t.id === 't-1001')!;
      ticket.fields = { ...ticket.fields, since: '2025-05-10', notify: true, legacyCode: 'X-1' };
      await setLocale('nl');
      try {
        const el = await detail();
        const rows = Object.fromEntries(
          [...root(el).querySelectorAll('[part~="field-list"] > div')].map((d) => [
            text(d.querySelector('dt')),
            text(d.querySelector('dd')),
          ]),
        );
        expect(rows['Urgentie']).to.equal('Hoog — ik kan niet werken');
        expect(rows['legacyCode'], 'a field the form does not know shows under its id').to.equal('X-1');
        expect(Object.values(rows)).to.include('Ja');
        expect(Object.values(rows)).to.include(
          new Intl.DateTimeFormat('nl', { dateStyle: 'medium' }).format(new Date('2025-05-10T12:00:00Z')),
        );
      } finally {
        await setLocale('en');
      }
    });

    it('previews image attachments inline through the attachment route, never another address', async () => {
      const el = await detail();
      const previews = [...root(el).querySelectorAll<HTMLImageElement>('img[part="attachment-preview"]')];
      expect(previews.map((i) => i.getAttribute('src'))).to.deep.equal([
        services.backend.attachmentUrl('att-vpn-screenshot'),
      ]);
      expect(previews[0].alt).to.equal('');
      await waitUntil(() => previews[0].complete && previews[0].naturalWidth > 0, 'the preview never loaded');
      await expect(el).to.be.accessible();
    });

    it('links attachments for download with name and size', async () => {
      const el = await detail();
      const links = [...messages(el)[0].querySelectorAll<HTMLAnchorElement>('a[part="attachment"]')];
      expect(links).to.have.length(2);
      expect(links[0].getAttribute('href')).to.equal(services.backend.attachmentUrl('att-vpn-log'));
      expect(links[0].getAttribute('download')).to.equal('vpn-client.log');
      expect(text(links[0])).to.equal(
        `vpn-client.log (${new Intl.NumberFormat('en', { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(48213 / 1024)})`,
      );
    });
  });

  describe('reply', () => {
    it('sends a reply that then appears in the conversation', async () => {
      const el = await detail();
      await expect(el).to.be.accessible();
      typeReply(el, 'Still broken after the reboot.\nAny news?');
      const sent = oneEvent(el, 'portico-reply-sent');
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await el.updateComplete;
      expect(text($(el, '[part="send"]'))).to.equal('Sending…');
      const { detail: info } = await sent;
      expect(info.ticketId).to.equal('t-1001');
      await el.updateComplete;
      const last = messages(el).at(-1)!;
      // Markdown with its line breaks kept.
      expect(text(last.querySelector('.body'))).to.equal('Still broken after the reboot.Any news?');
      expect(last.querySelector('.body br')).to.exist;
      expect(last.classList.contains('customer')).to.be.true;
      expect(info.messageId).to.equal(mockState.messages.at(-1)!.id);
      expect($<HTMLTextAreaElement>(el, '#reply-text')!.value).to.equal('');
      expect(text(liveRegion(el))).to.equal('Your reply was sent.');
      // Its own echo over the event stream does not add it twice.
      await aTimeout(100);
      expect(messages(el).filter((li) => li.textContent!.includes('Any news?'))).to.have.length(1);
    });

    it('takes simple formatting as Markdown, previews it through the sanitizer, and shows it so once sent', async () => {
      const el = await detail();
      const toggle = $<HTMLButtonElement>(el, '[part="preview-toggle"]')!;
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      expect(text($(el, '#reply-format'))).to.contain('**bold**');
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      expect(text($(el, '[part="reply-preview"]'))).to.equal('Nothing to preview yet.');
      typeReply(
        el,
        '**Still** broken:\n\n- after the reboot\n- after [the update](https://status.example/)\n\n<img src=x onerror="window.__pwned=1">',
      );
      await waitUntil(() => !!$(el, '[part="reply-preview"] strong'), 'the preview never rendered');
      const preview = $(el, '[part="reply-preview"]')!;
      expect(text(preview.querySelector('strong'))).to.equal('Still');
      expect([...preview.querySelectorAll('li')].map((li) => text(li))).to.deep.equal([
        'after the reboot',
        'after the update',
      ]);
      expect(preview.querySelector('a')!.getAttribute('href')).to.equal('https://status.example/');
      // Raw HTML in the text stays text: no element, no handler.
      expect(preview.querySelector('img')).to.equal(null);
      expect(text(preview)).to.contain('<img src=x');
      await expect(el).to.be.accessible();

      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(
        () =>
          messages(el).some((li) => li.textContent!.includes('after the reboot') && !!li.querySelector('.body strong')),
        'not shown formatted',
      );
      const stored = mockState.messages.find((m) => m.body.content.includes('**Still** broken:'))!;
      expect(stored.body.format).to.equal('markdown');
      expect(stored.body.content).to.contain('**Still** broken:');
      const shown = messages(el).find((li) => li.textContent!.includes('after the reboot'))!;
      expect(text(shown.querySelector('.body strong'))).to.equal('Still');
      expect(shown.querySelectorAll('.body li')).to.have.length(2);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('keeps the text and shows the error when the helpdesk fails, then sends it once with the same key', async () => {
      const el = await detail();
      typeReply(el, 'Please call me back.');
      worker.use(
        http.post(
          `${BASE}/tickets/:id/messages`,
          () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500 }, { status: 500 }),
          {
            once: true,
          },
        ),
      );
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => text($(el, '#reply-error')) !== '', 'no error shown');
      expect(text($(el, '#reply-error'))).to.equal('Your reply could not be sent. Your text is kept; try again.');
      expect($(el, '#reply-error')!.getAttribute('role')).to.equal('alert');
      expect($<HTMLTextAreaElement>(el, '#reply-text')!.value).to.equal('Please call me back.');
      // A server error is not a lost connection: nothing waits in the outbox.
      expect(getOutbox(services).entries).to.have.length(0);
      expect(root(el).querySelector('.pending') === null, 'unexpected pending reply').to.be.true;
      await expect(el).to.be.accessible();
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => messages(el).some((li) => li.textContent!.includes('Please call me back.')), 'not sent');
      await waitUntil(() => $<HTMLTextAreaElement>(el, '#reply-text')!.value === '', 'the box was not cleared');
      expect(mockState.messages.filter((m) => m.body.content === 'Please call me back.')).to.have.length(1);
      expect(text($(el, '#reply-error'))).to.equal('');
    });

    it('keeps an unsent reply as a draft for the next visit', async () => {
      const first = await detail();
      typeReply(first, 'Half-written thought');
      first.remove();
      await getDraftStore(services.backend.baseUrl).flush();
      const el = await detail();
      await waitUntil(() => $<HTMLTextAreaElement>(el, '#reply-text')!.value === 'Half-written thought', 'no draft');
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => messages(el).some((li) => li.textContent!.includes('Half-written thought')), 'not sent');
      await waitUntil(() => $<HTMLTextAreaElement>(el, '#reply-text')!.value === '', 'the box was not cleared');
      await getDraftStore(services.backend.baseUrl).flush();
      // Sent: the draft is gone, and another ticket never sees it.
      expect(await getDraftStore(services.backend.baseUrl).load('reply:u-carol:t-1001')).to.equal(undefined);
      const other = await detail('t-1002');
      await aTimeout(50);
      expect($<HTMLTextAreaElement>(other, '#reply-text')!.value).to.equal('');
    });

    it('refuses an empty reply without a round trip', async () => {
      const el = await detail();
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await el.updateComplete;
      expect(text($(el, '#reply-error'))).to.equal('Write a message before sending.');
      expect($(el, '#reply-text')!.getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).activeElement === $(el, '#reply-text'), 'focus is not where expected').to.be.true;
      expect(mockState.requests.some((r) => r.method === 'POST')).to.be.false;
    });

    it('uploads attachments with progress and sends them with the reply', async () => {
      const el = await detail();
      mockState.delayMs = 300;
      const input = $<HTMLInputElement>(el, '#reply-files')!;
      const files = new DataTransfer();
      files.items.add(new File(['line one\nline two\n'], 'notes.txt', { type: 'text/plain' }));
      files.items.add(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const uploads = () => [...root(el).querySelectorAll('.uploads > li')];
      expect(uploads()).to.have.length(2);
      // The portal does not accept .exe: refused before any upload.
      expect(text(uploads()[1])).to.contain('is not an allowed file type');
      // While it uploads: a labelled progress bar, and Send holds back.
      const progress = uploads()[0].querySelector('progress')!;
      expect(progress.getAttribute('aria-label')).to.equal('Uploading notes.txt');
      expect($(el, '[part="send"]')!.getAttribute('aria-disabled')).to.equal('true');
      mockState.delayMs = 0;
      await waitUntil(() => (uploads()[0] as HTMLElement).dataset.status === 'done', 'the upload never finished');
      expect(text(uploads()[0])).to.contain('uploaded');
      await expect(el).to.be.accessible();
      buttonNamed(uploads()[1] as HTMLElement, 'Remove').click();
      typeReply(el, 'Notes attached.');
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => messages(el).some((li) => li.textContent!.includes('Notes attached.')), 'not sent');
      const link = messages(el).at(-1)!.querySelector<HTMLAnchorElement>('a[part="attachment"]')!;
      expect(link.getAttribute('download')).to.equal('notes.txt');
      // The event stream may show the message before the answer to the send arrives.
      await waitUntil(() => uploads().length === 0, 'the sent files stayed in the form');
      expect(mockState.requests.filter((r) => r.path === '/uploads')).to.have.length(1);
    });

    it('keeps a file whose upload failed in the box with the reason, and sends nothing without it until retried or removed', async () => {
      const el = await detail();
      const uploads = () => [...root(el).querySelectorAll<HTMLElement>('.uploads > li')];
      const refuse = (status: number, errors?: unknown[]) =>
        worker.use(
          http.post(
            `${BASE}/uploads`,
            () =>
              HttpResponse.json(
                { type: 'about:blank', title: 'Refused', status, ...(errors ? { errors } : {}) },
                { status, headers: { 'Content-Type': 'application/problem+json' } },
              ),
            { once: true },
          ),
        );
      typeReply(el, 'The crash log and the dump.');
      refuse(503);
      attach(el, [new File(['crash at 10:02'], 'crash.txt', { type: 'text/plain' })]);
      await waitUntil(() => uploads()[0]?.dataset.status === 'failed', 'the upload never failed');
      expect(text(uploads()[0])).to.contain('crash.txt');
      expect(text(uploads()[0])).to.contain('not attached');
      expect(text(uploads()[0].querySelector('[role="alert"]'))).to.contain('“crash.txt” could not be uploaded.');
      await expect(el).to.be.accessible();

      // Send holds the reply back, with the reason; what was typed stays.
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await el.updateComplete;
      expect(text($(el, '#reply-error'))).to.equal('“crash.txt” is not attached. Retry or remove it, then send again.');
      expect($<HTMLTextAreaElement>(el, '#reply-text')!.value).to.equal('The crash log and the dump.');
      expect(mockState.requests.some((r) => r.method === 'POST' && r.path === '/tickets/t-1001/messages')).to.be.false;

      // Retry: it is uploaded, and the message goes.
      buttonNamed(uploads()[0], 'Retry crash.txt').click();
      await el.updateComplete;
      expect(text($(el, '#reply-error'))).to.equal('');
      await waitUntil(() => uploads()[0]?.dataset.status === 'done', 'the retry never finished');

      // A second file the gateway refuses as too large: held back again until it is removed.
      refuse(413, [{ field: 'file', code: 'file-too-large', params: { max: 1000 }, message: '' }]);
      attach(el, [new File(['core dump'], 'dump.txt', { type: 'text/plain' })]);
      await waitUntil(() => uploads()[1]?.dataset.status === 'rejected', 'the second upload was never refused');
      expect(text(uploads()[1].querySelector('[role="alert"]'))).to.contain('“dump.txt” is too large');
      // Sending it again would get the same answer: no Retry, only Remove.
      expect([...uploads()[1].querySelectorAll('button')].map((b) => text(b))).to.deep.equal(['Remove']);
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await el.updateComplete;
      expect(text($(el, '#reply-error'))).to.equal('“dump.txt” is not attached. Retry or remove it, then send again.');
      buttonNamed(uploads()[1], 'Remove').click();
      await el.updateComplete;
      expect(text($(el, '#reply-error'))).to.equal('');
      expect(root(el).activeElement === $(el, '#reply-text'), 'focus goes back to the text').to.be.true;

      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => messages(el).some((li) => li.textContent!.includes('The crash log')), 'not sent');
      const sent = mockState.messages.filter((m) => m.body.content === 'The crash log and the dump.');
      expect(sent).to.have.length(1);
      expect(sent[0].attachments.map((a) => a.name)).to.deep.equal(['crash.txt']);
    });

    it('brings back a file attached before the page went, still uploading then, and sends it once', async () => {
      const first = await detail();
      typeReply(first, 'Log attached before the reload.');
      // The first upload never gets an answer: the page goes before it is done.
      worker.use(http.post(`${BASE}/uploads`, () => new Promise<never>(() => {}), { once: true }));
      attach(first, [new File(['vpn dropped at 09:14'], 'vpn.txt', { type: 'text/plain' })]);
      await waitUntil(() => $(first, '.uploads > li')?.dataset.status === 'uploading', 'not uploading');
      first.remove();
      await getDraftStore(services.backend.baseUrl).flush();

      const el = await detail();
      const uploads = () => [...root(el).querySelectorAll<HTMLElement>('.uploads > li')];
      await waitUntil(() => uploads()[0]?.dataset.status === 'done', 'the file did not come back');
      expect(uploads().map((li) => text(li.querySelector('.file-name')))).to.deep.equal(['vpn.txt']);
      await waitUntil(
        () => $<HTMLTextAreaElement>(el, '#reply-text')!.value === 'Log attached before the reload.',
        'the text did not come back',
      );
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(() => messages(el).some((li) => li.textContent!.includes('before the reload')), 'not sent');
      await waitUntil(() => uploads().length === 0, 'the sent file stayed in the box');
      const sent = mockState.messages.filter((m) => m.body.content === 'Log attached before the reload.');
      expect(sent).to.have.length(1);
      expect(sent[0].attachments.map((a) => a.name)).to.deep.equal(['vpn.txt']);
      expect(await mockState.uploads.get(sent[0].attachments[0].id)!.blob.text()).to.equal('vpn dropped at 09:14');

      // Sent: another visit finds an empty box, without the file.
      el.remove();
      await getDraftStore(services.backend.baseUrl).flush();
      const again = await detail();
      await aTimeout(100);
      expect(root(again).querySelectorAll('.uploads > li')).to.have.length(0);
    });

    it("shows a read-only note on a colleague's ticket", async () => {
      // t-1005 is dave's; carol (company user) may read it but not answer.
      const el = await detail('t-1005');
      expect($(el, '#reply-text') === null, "unexpected $(el, '#reply-text')").to.be.true;
      const note = $(el, '[part="read-only"]')!;
      expect(text(note)).to.equal('You can read this ticket, but only Dave de Vries, who raised it, can reply.');
      expect($(el, '[part="actions"]') === null, 'unexpected $(el, \'[part="actions"]\')').to.be.true;
      await expect(el).to.be.accessible();
    });
  });

  describe('replies while offline (outbox)', () => {
    const pending = (el: El) => [...root(el).querySelectorAll<HTMLLIElement>('li.pending')];
    const replyPosts = () =>
      mockState.requests.filter((r) => r.method === 'POST' && r.path === '/tickets/t-1001/messages');
    const box = (el: El) => $<HTMLTextAreaElement>(el, '#reply-text')!;
    const stored = (content: string) => mockState.messages.filter((m) => m.body.content === content);
    /** The reply endpoint alone cannot be reached; the ticket itself still loads. */
    const replyEndpointDown = () => worker.use(http.post(`${BASE}/tickets/:id/messages`, () => HttpResponse.error()));

    async function sendOffline(el: El, words: string): Promise<void> {
      typeReply(el, words);
      buttonNamed(el.shadowRoot!, 'Send reply').click();
      await waitUntil(
        () => pending(el).some((li) => li.textContent!.includes(words)),
        `"${words}" never showed as pending`,
      );
    }

    it('shows an unsent reply as pending, then sends it once with the same key when back online', async () => {
      const el = await detail();
      await eventStreamOpen();
      mockState.offline = true;
      await sendOffline(el, 'Sent from the train.');
      const [item] = pending(el);
      expect(text(item.querySelector('.body'))).to.equal('Sent from the train.');
      expect(text(item.querySelector('.author'))).to.equal('Carol Jansen');
      expect(text(item.querySelector('[part="pending-note"] p'))).to.equal(
        'Waiting to send — will be sent when you are back online',
      );
      expect(item.getAttribute('part')).to.contain('pending-message');
      // Out of the reply box, into the outbox; no error, since nothing is lost.
      expect(box(el).value).to.equal('');
      expect(text($(el, '#reply-error'))).to.equal('');
      expect(text($(el, '[part="send"]'))).to.equal('Send reply');
      expect(text(liveRegion(el))).to.equal('You are offline. Your reply will be sent when you are back online.');
      const outbox = getOutbox(services);
      expect(outbox.entries).to.have.length(1);
      const [entry] = outbox.entries;
      expect(entry.write).to.deep.include({ kind: 'reply', ticketId: 't-1001' });
      expect(item.dataset.pendingId).to.equal(entry.id);
      // The first, direct attempt already used the key the outbox keeps.
      expect(replyPosts().map((r) => r.headers['idempotency-key'])).to.include(entry.id);
      expect(new Set(replyPosts().map((r) => r.headers['idempotency-key']))).to.deep.equal(new Set([entry.id]));
      await expect(el).to.be.accessible();

      // A second reply waits behind the first rather than overtaking it.
      await sendOffline(el, 'And another thing.');
      expect(pending(el).map((li) => text(li.querySelector('.body')))).to.deep.equal([
        'Sent from the train.',
        'And another thing.',
      ]);
      expect(outbox.entries).to.have.length(2);
      const keys = outbox.entries.map((e) => e.id);

      const sent: string[] = [];
      el.addEventListener('portico-reply-sent', (e) => sent.push(e.detail.messageId));
      const before = replyPosts().length;
      mockState.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => pending(el).length === 0, 'the replies never left the outbox');
      await aTimeout(200);
      const posted = replyPosts().slice(before);
      expect(posted.map((r) => r.headers['idempotency-key'])).to.deep.equal(keys);
      expect(stored('Sent from the train.')).to.have.length(1);
      expect(stored('And another thing.')).to.have.length(1);
      // Normal messages now, once each, although the event stream announced them too.
      const bodies = messages(el).map((li) => text(li.querySelector('.body')));
      expect(bodies.slice(-2)).to.deep.equal(['Sent from the train.', 'And another thing.']);
      expect(bodies.filter((b) => b === 'Sent from the train.')).to.have.length(1);
      expect(messages(el).at(-1)!.classList.contains('pending')).to.be.false;
      expect(sent).to.deep.equal([stored('Sent from the train.')[0].id, stored('And another thing.')[0].id]);
      expect(text(liveRegion(el))).to.equal('Your reply was sent.');
      expect(outbox.entries).to.have.length(0);
    });

    it('queues at once, without trying, when the browser knows it is offline', async () => {
      const el = await detail();
      mockState.offline = true;
      const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
      Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
      try {
        typeReply(el, 'No signal here.');
        buttonNamed(el.shadowRoot!, 'Send reply').click();
        await el.updateComplete;
        // No "Sending…" round trip first: it is pending straight away.
        expect(pending(el).map((li) => text(li.querySelector('.body')))).to.deep.equal(['No signal here.']);
        expect(box(el).value).to.equal('');
      } finally {
        Object.defineProperty(Navigator.prototype, 'onLine', onLine);
      }
    });

    it('keeps a pending reply, with its attachments, across a reload of the page', async () => {
      const el = await detail();
      const input = $<HTMLInputElement>(el, '#reply-files')!;
      const files = new DataTransfer();
      files.items.add(new File(['screenshot bytes'], 'error.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => text(root(el).querySelector('.uploads')).includes('uploaded'), 'the upload never finished');
      const uploadId = [...mockState.uploads.keys()][0];
      replyEndpointDown();
      await sendOffline(el, 'Screenshot attached.');
      expect(text(pending(el)[0].querySelector('.attachments'))).to.contain('error.png');
      const [entry] = getOutbox(services).entries;
      expect(entry.write.kind === 'reply' && entry.write.request.attachments).to.deep.equal([uploadId]);
      await getDraftStore(services.backend.baseUrl).flush();

      // A new page load: the element and the page's services (and so its outbox) are made afresh.
      el.remove();
      getOutbox(services).stop();
      services = await useMockServices({ as: 'carol', reset: false });
      const again = await detail();
      await waitUntil(() => pending(again).length === 1, 'the pending reply did not come back');
      expect(text(pending(again)[0].querySelector('.body'))).to.equal('Screenshot attached.');
      await waitUntil(
        () => text(pending(again)[0].querySelector('.attachments')).includes('error.png'),
        'the attachment name was lost',
      );
      expect(getOutbox(services).entries.map((e) => e.id)).to.deep.equal([entry.id]);

      worker.resetHandlers();
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => pending(again).length === 0, 'never sent');
      await waitUntil(
        () => messages(again).some((li) => li.textContent!.includes('Screenshot attached.')),
        'not shown as a message',
      );
      const last = messages(again).at(-1)!;
      expect(last.querySelector<HTMLAnchorElement>('a[part="attachment"]')!.getAttribute('download')).to.equal(
        'error.png',
      );
      expect(stored('Screenshot attached.')).to.have.length(1);
      expect(stored('Screenshot attached.')[0].attachments.map((a) => a.id)).to.deep.equal([uploadId]);
    });

    it('cancels a pending reply, putting the text back in the reply box', async () => {
      const el = await detail();
      mockState.offline = true;
      await sendOffline(el, 'Never mind, found it.');
      typeReply(el, 'Typed meanwhile');
      buttonNamed(pending(el)[0], 'Cancel sending').click();
      await waitUntil(() => pending(el).length === 0, 'still pending');
      expect(box(el).value).to.equal('Never mind, found it.\n\nTyped meanwhile');
      await el.updateComplete;
      expect(root(el).activeElement === box(el), 'focus should return to the reply box').to.be.true;
      expect(getOutbox(services).entries).to.have.length(0);
      // Cancelled means never sent, also once the network is back.
      const before = replyPosts().length;
      mockState.offline = false;
      window.dispatchEvent(new Event('online'));
      await aTimeout(200);
      expect(replyPosts().length).to.equal(before);
      expect(stored('Never mind, found it.')).to.have.length(0);
    });

    it('puts a reply the helpdesk refuses for good back in the reply box, with the reason', async () => {
      const el = await detail();
      mockState.offline = true;
      await sendOffline(el, 'One more question.');
      // Meanwhile the ticket was closed by support: the reply is refused (403), not retried.
      mockState.tickets.find((t) => t.id === 't-1001')!.status = 'closed';
      mockState.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => pending(el).length === 0, 'still pending');
      expect(box(el).value).to.equal('One more question.');
      expect(text($(el, '#reply-error'))).to.equal('You are not allowed to reply to this ticket. Your text is kept.');
      expect(getOutbox(services).entries).to.have.length(0);
      expect(stored('One more question.')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('is accessible while pending, and speaks Dutch', async () => {
      const el = await detail();
      mockState.offline = true;
      await sendOffline(el, 'Accessible while waiting');
      await expect(el).to.be.accessible();
      const cancel = buttonNamed(pending(el)[0], 'Cancel sending');
      expect(cancel.getAttribute('aria-describedby')).to.equal(
        pending(el)[0].querySelector('[part="pending-note"] p')!.id,
      );
      const { width, height } = cancel.getBoundingClientRect();
      expect(width >= 24 && height >= 24, 'the Cancel button is at least 24×24').to.be.true;
      try {
        await setLocale('nl');
        await el.updateComplete;
        expect(text(pending(el)[0].querySelector('[part="pending-note"] p'))).to.equal(
          'Wacht op verzending — wordt verstuurd zodra je weer online bent',
        );
        expect(buttonNamed(pending(el)[0], 'Verzenden annuleren')).to.exist;
        await expect(el).to.be.accessible();
      } finally {
        await setLocale('en');
      }
    });
  });

  describe('close and reopen', () => {
    it('closes after confirmation, then reopens', async () => {
      const el = await detail();
      const updates: string[] = [];
      el.addEventListener('portico-ticket-updated', (e) => updates.push(e.detail.ticket.status));
      buttonNamed(el.shadowRoot!, 'Close ticket').click();
      await el.updateComplete;
      const confirm = $(el, '.confirm')!;
      expect(text(confirm)).to.contain('Close this ticket? You can reopen it later.');
      expect(root(el).activeElement === $(el, '#confirm-close'), 'focus is not where expected').to.be.true;
      await expect(el).to.be.accessible();
      // Cancel leaves it open.
      buttonNamed(confirm, 'Cancel').click();
      await el.updateComplete;
      expect(text($(el, '[part~="status-badge"]'))).to.equal('Open');
      expect(root(el).activeElement === $(el, '#close-button'), 'focus is not where expected').to.be.true;

      buttonNamed(el.shadowRoot!, 'Close ticket').click();
      await el.updateComplete;
      buttonNamed(el.shadowRoot!, 'Yes, close ticket').click();
      await waitUntil(() => text($(el, '[part~="status-badge"]')) === 'Closed', 'never closed');
      expect(mockState.tickets.find((t) => t.id === 't-1001')!.status).to.equal('closed');
      expect(text(liveRegion(el))).to.equal('The ticket is closed.');
      expect($(el, '#reply-text') === null, "unexpected $(el, '#reply-text')").to.be.true;
      expect(text($(el, '[part="read-only"]'))).to.contain('Reopen it to add a reply.');
      await el.updateComplete;
      expect(root(el).activeElement === $(el, '#reopen-button'), 'focus is not where expected').to.be.true;
      await expect(el).to.be.accessible();

      buttonNamed(el.shadowRoot!, 'Reopen ticket').click();
      await waitUntil(() => text($(el, '[part~="status-badge"]')) === 'Open', 'never reopened');
      expect($(el, '#reply-text')).to.exist;
      expect(updates).to.deep.equal(['closed', 'open']);
    });

    it('offers no Close on a colleague’s ticket and Reopen on a closed own one', async () => {
      const el = await detail('t-1004');
      expect(text($(el, '[part~="status-badge"]'))).to.equal('Closed');
      expect(buttonNamed(el.shadowRoot!, 'Reopen ticket')).to.exist;
      expect([...root(el).querySelectorAll('button')].map((b) => text(b))).not.to.include('Close ticket');
    });
  });

  describe('live updates', () => {
    it('adds a message from the event stream and announces it politely', async () => {
      const el = await detail();
      await eventStreamOpen();
      const region = liveRegion(el);
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(text(region)).to.equal('');
      mockAgentReply('t-1001', '<p>We pushed a fix, please try again.</p>', 'Priya Raman');
      await waitUntil(() => messages(el).length === 4, 'the message never appeared');
      expect(text(messages(el)[3].querySelector('.body'))).to.equal('We pushed a fix, please try again.');
      expect(text(region)).to.equal('New reply from Priya Raman');
      // A message for another ticket does not show here.
      mockAgentReply('t-1002', 'Other ticket');
      await aTimeout(150);
      expect(messages(el)).to.have.length(4);
    });

    it('shows an agent reply that came after the ticket loaded but before its event stream opened', async () => {
      // The stream's answer is held back (a slow proxy) until the test lets it through.
      let letThrough!: () => void;
      const held = new Promise<void>((resolve) => (letThrough = resolve));
      worker.use(
        http.get(`${BASE}/events`, async () => {
          await held;
          // Nothing returned: the reference backend's own /events answers.
        }),
      );
      const el = await detail();
      expect(messages(el)).to.have.length(3);
      // The agent answers now: the ticket's load is done, and no stream is open to hear of it.
      mockAgentReply('t-1001', 'Answered in the gap', 'Priya Raman');
      letThrough();
      await waitUntil(() => messages(el).length === 4, 'the reply from the gap never showed');
      expect(text(messages(el)[3].querySelector('.body'))).to.equal('Answered in the gap');
      // Once: the catch-up load and the event (if both saw it) make one message.
      await aTimeout(150);
      expect(messages(el).filter((m) => text(m.querySelector('.body')) === 'Answered in the gap')).to.have.length(1);
    });

    it('loads the ticket again when the event stream comes back after a break', async () => {
      const el = await detail();
      await eventStreamOpen();
      const loads = () => mockState.requests.filter((r) => r.path === '/tickets/t-1001/messages').length;
      const before = loads();
      // A change no event will replay (older than the gateway keeps), then the connection drops.
      mockState.messages.push({
        id: 'm-missed',
        ticketId: 't-1001',
        author: { name: 'Priya Raman', role: 'agent' },
        createdAt: new Date().toISOString(),
        body: { format: 'text', content: 'Sent while you were away' },
        attachments: [],
      });
      dropMockStreams();
      await waitUntil(() => messages(el).length === 4, 'the ticket was not loaded again');
      expect(text(messages(el)[3].querySelector('.body'))).to.equal('Sent while you were away');
      expect(loads()).to.equal(before + 1);
    });

    it('keeps the earlier pages it shows when it loads again after a break, the missed message last', async () => {
      addLongThread(60);
      const total = mockState.messages.filter((m) => m.ticketId === 't-1009' && !m.internal).length;
      const el = await detail('t-1009');
      await eventStreamOpen();
      buttonNamed(root(el), 'Show earlier messages').click();
      await waitUntil(() => messages(el).length === 50, 'the second page never showed');
      const pages = () => mockState.requests.filter((r) => r.path === '/tickets/t-1009/messages').length;
      const before = pages();
      mockState.messages.push({
        id: 'm-missed',
        ticketId: 't-1009',
        author: { name: 'Priya Raman', role: 'agent' },
        createdAt: new Date(LONG_THREAD_START + 61 * 60_000).toISOString(),
        body: { format: 'text', content: 'Sent while you were away' },
        attachments: [],
      });
      dropMockStreams();
      await waitUntil(() => messages(el).length === 51, 'the ticket was not loaded again');
      expect(pages()).to.equal(before + 1);
      const items = messages(el);
      expect(text(items[0]!)).to.contain('Long thread message 11');
      expect(text(items.at(-1)!.querySelector('.body'))).to.equal('Sent while you were away');
      expect(new Set(items.map((li) => text(li))).size).to.equal(51);
      // The earlier part goes on where it stopped.
      buttonNamed(root(el), 'Show earlier messages').click();
      await waitUntil(() => messages(el).length === total + 1, 'the rest of the thread never showed');
      await waitUntil(() => !root(el).querySelector('[part="earlier"]'), 'the button stayed');
      const times = messages(el).map((li) => li.querySelector('time')!.getAttribute('datetime')!);
      expect([...times].sort()).to.deep.equal(times);
      expect(new Set(messages(el).map((li) => text(li))).size).to.equal(total + 1);
    });
  });

  it('renders Dutch when the locale is nl', async () => {
    const el = await detail();
    try {
      await setLocale('nl');
      await el.updateComplete;
      expect(text($(el, '#conversation-heading'))).to.equal('Gesprek');
      expect(text($(el, 'label[for="reply-text"]'))).to.equal('Je bericht');
      expect(text($(el, '.number'))).to.equal('Melding #1001');
      expect(buttonNamed(el.shadowRoot!, 'Melding sluiten')).to.exist;
      expect(buttonNamed(el.shadowRoot!, 'Reactie versturen')).to.exist;
      expect(text(messages(el)[0].querySelector('.role-tag'))).to.equal('Klant');
      const dates = [...root(el).querySelectorAll('[part="facts"] dt')].map((dt) => text(dt));
      expect(dates).to.include.members(['Aangemaakt', 'Aanvrager', 'Organisatie', 'Dienst', 'Behandelaar']);
      expect(text($(el, '[part="facts"] dd time'))).to.equal(
        new Intl.DateTimeFormat('nl', { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date('2025-05-12T08:14:00Z'),
        ),
      );
    } finally {
      await setLocale('en');
    }
  });

  describe('satisfaction rating', () => {
    const rating = (el: El) => $(el, '[part="rating"]');

    it('is offered on a solved ticket of one’s own: a score and an optional comment, stored and shown', async () => {
      const el = await detail('t-1003');
      const section = rating(el)!;
      expect(text(section.querySelector('h3'))).to.equal('How did we do?');
      // Sending without a score says what is missing, and sends nothing.
      buttonNamed(section, 'Send rating').click();
      await el.updateComplete;
      expect(text($(el, '#rating-error'))).to.equal('Choose how satisfied you are first.');
      expect(mockState.requests.some((r) => r.path.endsWith('/rating'))).to.equal(false);

      $<HTMLInputElement>(el, '#rating-score-4')!.click();
      const comment = $<HTMLTextAreaElement>(el, '#rating-comment')!;
      comment.value = 'Quick and friendly';
      comment.dispatchEvent(new Event('input'));
      await expect(el).to.be.accessible();
      buttonNamed(rating(el)!, 'Send rating').click();
      await waitUntil(() => $(el, '#rating-summary'), 'the rating never showed');
      expect(text($(el, '#rating-summary'))).to.contain('4 of 5 — Satisfied');
      expect(text(rating(el)!.querySelector('.rating-comment'))).to.equal('Quick and friendly');
      expect(mockState.ratings.get('t-1003')).to.include({ score: 4, comment: 'Quick and friendly' });
      expect(text(liveRegion(el))).to.equal('Thank you for your rating.');
      await expect(el).to.be.accessible();

      // Changed later: the form comes back with the score chosen.
      buttonNamed(rating(el)!, 'Change rating').click();
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#rating-score-4')!.checked).to.equal(true);
      $<HTMLInputElement>(el, '#rating-score-5')!.click();
      buttonNamed(rating(el)!, 'Send rating').click();
      await waitUntil(() => text($(el, '#rating-summary')).includes('5 of 5'), 'the change never showed');
      expect(mockState.ratings.get('t-1003')!.score).to.equal(5);
    });

    it('shows an earlier rating on load, and is not offered on an open ticket', async () => {
      mockState.ratings.set('t-1003', { score: 2, comment: null, ratedAt: '2025-05-01T10:00:00Z' });
      const solved = await detail('t-1003');
      expect(text($(solved, '#rating-summary'))).to.contain('2 of 5 — Dissatisfied');
      const open = await detail('t-1001');
      expect(rating(open)).to.equal(null);
    });

    it('asks in Dutch', async () => {
      await setLocale('nl');
      try {
        const el = await detail('t-1003');
        expect(text(rating(el)!.querySelector('h3'))).to.equal('Hoe hebben we het gedaan?');
        expect(text(rating(el)!.querySelector('legend'))).to.equal(
          'Hoe tevreden ben je over de afhandeling van deze melding?',
        );
        await expect(el).to.be.accessible();
      } finally {
        await setLocale('en');
      }
    });
  });

  describe('hostile content', () => {
    let sentinel: ReturnType<typeof installSentinel>;
    beforeEach(() => {
      sentinel = installSentinel();
    });
    afterEach(() => sentinel.restore());

    it('never runs or keeps script from subjects, bodies, names or file names', async () => {
      const ticket = mockState.tickets.find((t) => t.id === 't-1001')!;
      ticket.subject = HOSTILE_ALL_IN_ONE;
      ticket.service = HOSTILE_ALL_IN_ONE;
      mockState.users.find((u) => u.id === 'u-carol')!.name = HOSTILE_ALL_IN_ONE;
      mockState.organizations.forEach((o) => (o.name = HOSTILE_ALL_IN_ONE));
      let n = 0;
      for (const payload of HOSTILE_PAYLOADS) {
        for (const format of ['html', 'text', 'markdown'] as const) {
          const m = seed(`m-hostile-${n++}`, payload, format);
          m.author = { name: payload, role: n % 2 ? 'agent' : 'customer' };
          m.attachments = [{ id: `att-hostile-${n}`, name: payload, size: 10, contentType: 'text/html' }];
          mockState.messages.push(m);
        }
      }
      const el = await detail();
      await showWholeThread(el);
      expect(messages(el).length).to.be.greaterThan(HOSTILE_PAYLOADS.length * 3);
      await settle(300);
      expect(text($(el, 'h2'))).to.equal(HOSTILE_ALL_IN_ONE.replace(/\s+/g, ' ').trim());
      expect(activeContent(el.parentElement!)).to.deep.equal([]);
      expect(
        root(el).querySelectorAll(
          '.body svg, .body style, .body noscript, .body math, .body form, .body script, .body iframe, .body details',
        ),
      ).to.have.length(0);
      expect(sentinel.calls).to.equal(0);
    });

    it('keeps messages arriving live just as safe', async () => {
      const el = await detail();
      await eventStreamOpen();
      for (const payload of HOSTILE_PAYLOADS) mockAgentReply('t-1001', payload, payload);
      await waitUntil(() => messages(el).length === 3 + HOSTILE_PAYLOADS.length, 'not all arrived');
      await settle(300);
      expect(text(liveRegion(el))).to.contain('New reply from');
      expect(liveRegion(el).children).to.have.length(0);
      expect(activeContent(el.parentElement!)).to.deep.equal([]);
      expect(sentinel.calls).to.equal(0);
    });
  });
});

let seeded = 0;

/** A message on t-1001, each one later than the one before (and than the fixtures). */
function seed(id: string, content: string, format: 'text' | 'html' | 'markdown'): MessageSeed {
  return {
    id,
    ticketId: 't-1001',
    author: { name: 'Carol Jansen', role: 'customer' },
    createdAt: new Date(Date.parse('2025-05-15T00:00:00Z') + ++seeded * 60_000).toISOString(),
    body: { format, content },
    attachments: [],
  };
}
