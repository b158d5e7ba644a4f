import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/chat/chat.js';
import type { PorticoChat } from '../../../src/components/chat/chat.component.js';
import { setLocale } from '../../../src/core/i18n.js';
import { openLocalStore } from '../../../src/core/local-store.js';
import { getOutbox } from '../../../src/core/outbox.js';
import { http } from 'msw';
import { worker } from '../../mocks/browser.js';
import { useMockServices } from '../../mocks/services.js';
import {
  BASE,
  dropMockStreams,
  mockAgentChatMessage,
  mockEndChat,
  mockState,
  problem,
} from '../../reference/handlers.js';
import { applySettings, streams } from '../../reference/state.js';
import { DEMO_PASSWORD } from '../../reference/fixtures.js';

/** The requests the reference backend answered itself (one-shot overrides answer before it logs). */
function requests(method: string, path: string | RegExp) {
  return mockState.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );
}

const starts = () => requests('POST', '/chat/conversations');
const sends = () => requests('POST', /^\/chat\/conversations\/[^/]+\/messages$/);
const uploads = () => requests('POST', '/uploads');

/** The one conversation the tests start. */
function conversation() {
  expect(mockState.conversations).to.have.length(1);
  return mockState.conversations[0]!;
}

/** The customer's messages as the backend stored them, oldest first. */
const customerMessages = () => mockState.chatMessages.filter((m) => m.author.role === 'customer');

/** The answer of `method path` waits until the returned function is called, then the backend answers as usual. */
function hold(method: 'get' | 'post', path: string): () => void {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  worker.use(
    http[method](
      `${BASE}${path}`,
      async () => {
        await released;
        return undefined;
      },
      { once: true },
    ),
  );
  return release;
}

/** The live event stream of the chat is open at the backend, so what an agent writes now reaches it. */
async function streamOpen(): Promise<void> {
  await waitUntil(() => streams.size > 0, 'no event stream');
}

function root(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function log(el: PorticoChat): HTMLElement | null {
  return root(el).querySelector<HTMLElement>('[role="log"]');
}

function logItems(el: PorticoChat): HTMLLIElement[] {
  return [...(log(el)?.querySelectorAll('li.message') ?? [])] as HTMLLIElement[];
}

async function chatReady(el: PorticoChat): Promise<void> {
  await waitUntil(() => log(el), 'the chat log did not appear');
}

async function type(el: PorticoChat, text: string): Promise<HTMLTextAreaElement> {
  const textarea = root(el).querySelector('textarea')!;
  textarea.focus();
  textarea.value = text;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  return textarea;
}

async function twoFrames(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

describe('<portico-chat>', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    // Nothing a test before left waiting is sent into this one.
    await openLocalStore(BASE, 'outbox').clear();
    await setLocale('en');
    // Carol of Acme Corp, whose organisation may chat; an agent is online.
    await useMockServices({ as: 'carol' });
  });
  afterEach(() => worker.resetHandlers());

  /** Carol sends the first message of a conversation and waits until it is stored. */
  async function startConversation(el: PorticoChat, text: string): Promise<string> {
    await type(el, text);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => logItems(el)[0]?.classList.contains('sent'));
    await streamOpen();
    return conversation().id;
  }

  describe('availability', () => {
    const setups = {
      // The helpdesk behind the gateway cannot back chat (RT): the portal's switch is on, the capability off.
      disabled: () => {
        mockState.portal.capabilities.chat = false;
      },
      // Chat is limited to organisations Carol is not in.
      'not-eligible': () => applySettings({ server: { chatOrganizationIds: ['org-globex'] } }),
    };
    for (const reason of ['disabled', 'not-eligible'] as const) {
      it(`hides itself and tells the launcher when the server says ${reason}`, async () => {
        setups[reason]();
        const el = document.createElement('portico-chat');
        const event = oneEvent(el, 'portico-chat-availability');
        document.body.append(el);
        try {
          const { detail } = await event;
          expect(detail).to.deep.equal({ available: false, reason });
          await el.updateComplete;
          expect(el.hidden).to.equal(true);
          expect(el.getBoundingClientRect().height).to.equal(0);
          expect(log(el) === null, 'should be absent').to.equal(true);
          await expect(el).to.be.accessible();
        } finally {
          el.remove();
        }
      });
    }

    it('hides itself when the portal has chat switched off', async () => {
      applySettings({ portal: { chat: { enabled: false } } });
      const el = document.createElement('portico-chat');
      const event = oneEvent(el, 'portico-chat-availability');
      document.body.append(el);
      try {
        expect((await event).detail).to.deep.equal({ available: false, reason: 'disabled' });
        expect(el.hidden).to.equal(true);
      } finally {
        el.remove();
      }
    });

    it('is accessible while loading and says it is loading', async () => {
      const release = hold('get', '/chat/availability');
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => root(el).querySelector('[role="status"]'));
      expect(root(el).textContent).to.contain('Loading');
      await expect(el).to.be.accessible();
      release();
      await chatReady(el);
    });

    it('shows an error with a working Retry when availability cannot be loaded', async () => {
      worker.use(
        http.get(`${BASE}/chat/availability`, () => problem('unavailable', 'Service unavailable'), { once: true }),
      );
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => root(el).querySelector('[role="alert"]'));
      // In the user's words, from the problem's code; never the gateway's English detail.
      expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('not available right now');
      expect(root(el).querySelector('[role="alert"]')!.textContent).not.to.contain('Service unavailable');
      await expect(el).to.be.accessible();
      root(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await chatReady(el);
    });
  });

  describe('built-in chat', () => {
    it('shows an empty, accessible log with a labelled composer', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      expect(log(el)!.getAttribute('aria-live')).to.equal('polite');
      expect(root(el).querySelector('.empty') !== null, 'should be present').to.equal(true);
      expect(root(el).querySelector('label[for="composer-text"]')!.textContent).to.contain('Message');
      await expect(el).to.be.accessible();
    });

    it('sends with Enter, keeps Shift+Enter for a new line, and appends the message to the log', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      const textarea = await type(el, 'My printer');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      expect(starts()).to.have.length(0);
      expect(textarea.value).to.contain('\n');
      await sendKeys({ type: 'is offline' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el).length === 1 && !logItems(el)[0].classList.contains('pending'));
      expect(starts()).to.have.length(1);
      expect(customerMessages().map((m) => m.text)).to.deep.equal(['My printer\nis offline']);
      const item = logItems(el)[0];
      expect(item.classList.contains('customer')).to.equal(true);
      expect(item.textContent).to.contain('You');
      expect(item.textContent).to.contain('My printer');
      expect(textarea.value).to.equal('');

      await type(el, 'Second message');
      root(el).querySelector<HTMLButtonElement>('[part="send-button"]')!.click();
      await waitUntil(() => logItems(el).length === 2 && !logItems(el)[1].classList.contains('pending'));
      // Into the conversation the first message started.
      expect(sends().map((r) => r.path)).to.deep.equal([`/chat/conversations/${conversation().id}/messages`]);
      expect(customerMessages()[1]).to.include({ conversationId: conversation().id, text: 'Second message' });
      await expect(el).to.be.accessible();
    });

    it('keeps a message it could not send waiting, and sends it by itself once the connection is back, under the same key', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      mockState.offline = true;
      await type(el, 'Are you there?');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el)[0]?.classList.contains('waiting'), 'never marked as waiting');
      const waiting = logItems(el)[0];
      expect(waiting.textContent).to.contain('Are you there?');
      expect(waiting.textContent).to.contain('Not sent yet. It goes by itself as soon as the connection is back.');
      expect(mockState.conversations).to.have.length(0);
      await expect(el).to.be.accessible();

      mockState.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => logItems(el)[0]?.classList.contains('sent'), 'never sent');
      const keys = starts().map((r) => r.headers['idempotency-key']);
      expect(keys.length).to.be.at.least(2);
      expect(new Set(keys).size, 'every attempt under one key').to.equal(1);
      expect(logItems(el)).to.have.length(1);
      expect(customerMessages().map((m) => m.text)).to.deep.equal(['Are you there?']);
    });

    it('sends a waiting message at once on Retry, with the same key', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      worker.use(http.post(`${BASE}/chat/conversations`, () => problem('unavailable', 'Down'), { once: true }));
      await type(el, 'Hello?');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el)[0]?.classList.contains('waiting'), 'never marked as waiting');
      logItems(el)[0].querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => logItems(el)[0]?.classList.contains('sent'), 'never sent');
      expect(starts()).to.have.length(1);
      expect(customerMessages().map((m) => m.text)).to.deep.equal(['Hello?']);
    });

    it('sends messages written offline in order, the later ones into the conversation the first one starts', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      mockState.offline = true;
      for (const text of ['First, offline', 'Second, offline', 'Third, offline']) {
        await type(el, text);
        await sendKeys({ press: 'Enter' });
      }
      await waitUntil(() => logItems(el).length === 3 && logItems(el)[0].classList.contains('waiting'));
      mockState.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => logItems(el).every((li) => li.classList.contains('sent')), 'not all sent');
      const c = conversation();
      expect(customerMessages().map((m) => [m.conversationId, m.text])).to.deep.equal([
        [c.id, 'First, offline'],
        [c.id, 'Second, offline'],
        [c.id, 'Third, offline'],
      ]);
      expect(logItems(el).map((li) => li.querySelector('.text')!.textContent)).to.deep.equal([
        'First, offline',
        'Second, offline',
        'Third, offline',
      ]);
    });

    it('still has the waiting messages after a reload, and sends each once', async () => {
      const first = await useMockServices({ as: 'carol' });
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      await startConversation(el, 'Started online');
      mockState.offline = true;
      await type(el, 'Written on the train');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el)[1]?.classList.contains('waiting'), 'never marked as waiting');
      // The page goes: its outbox with it.
      getOutbox(first).stop();
      el.remove();

      // A reload, back online: new services, the same browser storage.
      mockState.offline = false;
      const services = await useMockServices({ as: 'carol', reset: false });
      const again = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => logItems(again).length === 2, 'the waiting message is not shown after the reload');
      await waitUntil(() => logItems(again)[1]?.classList.contains('sent'), 'never sent after the reload');
      expect(customerMessages().map((m) => m.text)).to.deep.equal(['Started online', 'Written on the train']);
      expect(logItems(again)).to.have.length(2);
      expect(new Set(sends().map((r) => r.headers['idempotency-key'])).size, 'one key for the waiting one').to.equal(1);
      getOutbox(services).stop();
    });

    it('keeps a message the gateway refuses for good in the log, marked, and Retry writes it again', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      worker.use(
        http.post(`${BASE}/chat/conversations`, () => problem('chat-unavailable', 'Not for you'), { once: true }),
      );
      await type(el, 'Anyone?');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el)[0]?.classList.contains('failed'), 'never marked as not sent');
      expect(logItems(el)[0].textContent).to.contain('Not sent.');
      expect(logItems(el)[0].textContent).to.contain('Anyone?');
      logItems(el)[0].querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => logItems(el)[0]?.classList.contains('sent'), 'never sent on Retry');
      expect(customerMessages().map((m) => m.text)).to.deep.equal(['Anyone?']);
      expect(logItems(el)).to.have.length(1);
    });

    it('shows the message as pending while it is on its way', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      const release = hold('post', '/chat/conversations');
      await type(el, 'Hello');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el).length === 1);
      expect(logItems(el)[0].classList.contains('pending')).to.equal(true);
      expect(logItems(el)[0].textContent).to.contain('Sending');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => logItems(el)[0].classList.contains('sent'));
    });

    it('keeps an unsent draft across a re-mount', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      await type(el, 'Half a thought');
      el.remove();
      const again = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(again);
      await waitUntil(() => root(again).querySelector('textarea')!.value === 'Half a thought');
    });

    it('announces an incoming agent message in the live log, telling agent and customer apart', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      const conversationId = await startConversation(el, 'Hi');
      mockAgentChatMessage(conversationId, 'Hello Carol, how can I help?', 'Sam from Support');
      await waitUntil(() => logItems(el).length === 2, 'the agent message never appeared');
      const items = logItems(el);
      expect(items).to.have.length(2);
      expect(items[1].classList.contains('agent')).to.equal(true);
      expect(items[1].textContent).to.contain('Sam from Support');
      expect(items[1].textContent).to.contain('Hello Carol');
      // Inside the polite live region, so screen readers announce it.
      expect(items[1].closest('[role="log"][aria-live="polite"]') === log(el), 'inside the live log').to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('fetches the conversation again when the event stream comes back, adding what it missed once', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      const conversationId = await startConversation(el, 'Hi');
      const loads = () => requests('GET', `/chat/conversations/${conversationId}/messages`).length;
      const before = loads();
      mockAgentChatMessage(conversationId, 'Seen live', 'Sam from Support');
      await waitUntil(() => logItems(el).length === 2);
      // A message no event will replay (older than the gateway keeps), then the connection drops.
      mockState.chatMessages.push({
        id: 'cm-missed',
        conversationId,
        author: { name: 'Sam from Support', role: 'agent' },
        createdAt: new Date().toISOString(),
        text: 'Written while the stream was down',
        attachments: [],
      });
      dropMockStreams();
      await waitUntil(() => logItems(el).length === 3, 'the missed message never appeared');
      expect(logItems(el)[2].textContent).to.contain('Written while the stream was down');
      expect(logItems(el).filter((li) => li.textContent!.includes('Seen live'))).to.have.length(1);
      expect(loads()).to.equal(before + 1);
    });

    it('counts unread agent messages while hidden and clears them once seen', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      const conversationId = await startConversation(el, 'Hi');

      const counts: number[] = [];
      el.addEventListener('portico-chat-unread', (e) => counts.push(e.detail.count));

      await twoFrames();
      mockAgentChatMessage(conversationId, 'Seen right away');
      await waitUntil(() => logItems(el).length === 2);
      expect(counts).to.deep.equal([]);

      el.style.display = 'none';
      await twoFrames();
      mockAgentChatMessage(conversationId, 'One');
      mockAgentChatMessage(conversationId, 'Two');
      await waitUntil(() => logItems(el).length === 4);
      expect(counts).to.deep.equal([1, 2]);
      expect(el.unread).to.equal(2);

      el.style.display = '';
      await waitUntil(() => counts.length === 3);
      expect(counts[2]).to.equal(0);
    });

    it('resumes the conversation of this tab after a reload', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      await type(el, 'Before reload');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => logItems(el)[0]?.classList.contains('sent'));
      el.remove();
      const again = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => logItems(again).length === 1);
      expect(logItems(again)[0].textContent).to.contain('Before reload');
    });

    it('sends attachments with a message once the chat has started', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      expect(root(el).querySelector('input[type=file]') === null, 'should be absent').to.equal(true);
      await type(el, 'Screenshot follows');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('input[type=file]'));
      const input = root(el).querySelector<HTMLInputElement>('input[type=file]')!;
      const files = new DataTransfer();
      files.items.add(new File(['abc'], 'error.txt', { type: 'text/plain' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => uploads().length === 1);
      await waitUntil(() => !root(el).querySelector('.chips')?.textContent?.includes('uploading'));
      await expect(el).to.be.accessible();
      root(el).querySelector<HTMLButtonElement>('[part="send-button"]')!.click();
      await waitUntil(() => sends().length === 1);
      await waitUntil(() => logItems(el)[1]?.querySelector('a[download]'));
      // The request is logged as it arrives; the backend stores the message a moment later.
      await waitUntil(() => customerMessages().length === 2, 'the message was never stored');
      const sent = customerMessages()[1]!;
      expect(sent.attachments.map((a) => a.name)).to.deep.equal(['error.txt']);
      expect(logItems(el)[1].querySelector('a')!.getAttribute('href')).to.contain('/attachments/');
    });

    it('refuses a file the upload rules do not allow before any upload request', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      await type(el, 'Here is a program');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('input[type=file]'));
      const input = root(el).querySelector<HTMLInputElement>('input[type=file]')!;
      const files = new DataTransfer();
      files.items.add(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const chip = root(el).querySelector('.chips li')!;
      expect(chip.textContent).to.contain('setup.exe');
      expect(chip.querySelector('.error'), 'the reason is shown').to.exist;
      expect(chip.textContent).not.to.contain('uploading');
      expect(uploads()).to.have.length(0);
      // A refused file is not sent, and does not hold the message back.
      await type(el, 'Text only then');
      root(el).querySelector<HTMLButtonElement>('[part="send-button"]')!.click();
      await waitUntil(() => sends().length === 1);
      await waitUntil(() => customerMessages().length === 2);
      expect(customerMessages()[1]).to.include({ text: 'Text only then' });
      expect(customerMessages()[1]!.attachments).to.have.length(0);
    });

    it('shows a clear notice when the agent ends the chat', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      const conversationId = await startConversation(el, 'Thanks');
      mockEndChat(conversationId);
      await waitUntil(() => log(el)!.textContent!.includes('This chat has ended'), 'no notice that the chat ended');
      await type(el, 'One more thing');
      await sendKeys({ press: 'Enter' });
      // A new conversation, not a message into the ended one.
      await waitUntil(() => starts().length === 2);
      expect(sends()).to.have.length(0);
      await waitUntil(() => mockState.conversations.length === 2);
      expect(mockState.conversations.map((c) => c.status)).to.deep.equal(['ended', 'open']);
    });

    it('speaks Dutch after a locale switch', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await chatReady(el);
      await setLocale('nl');
      await el.updateComplete;
      expect(root(el).querySelector('[part="send-button"]')!.textContent!.trim()).to.equal('Versturen');
      expect(log(el)!.getAttribute('aria-label')).to.equal('Chatberichten');
      await setLocale('en');
    });
  });

  describe('leave a message (nobody available)', () => {
    beforeEach(() => {
      // No agent is online.
      applySettings({ server: { chatOnline: false } });
    });

    function offline(el: PorticoChat): ShadowRoot {
      return root(root(el).querySelector('portico-chat-offline')!);
    }

    const ticketPosts = () => requests('POST', '/tickets');

    it('offers a message form, still reports chat as offline to the launcher', async () => {
      const el = document.createElement('portico-chat');
      const event = oneEvent(el, 'portico-chat-availability');
      document.body.append(el);
      try {
        expect((await event).detail).to.deep.equal({ available: false, reason: 'offline' });
        await waitUntil(() => root(el).querySelector('portico-chat-offline'));
        expect(el.hidden).to.equal(false);
        // Signed in: the helpdesk knows who this is.
        await waitUntil(() => offline(el).querySelector('#offline-message'));
        expect(offline(el).querySelector('#offline-name') === null, 'should be absent').to.equal(true);
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });

    it('asks a signed-out visitor for name and e-mail, validates, and turns the message into a ticket', async () => {
      await useMockServices({ as: null });
      // Chat for everybody, nobody online; the portal takes tickets from visitors who are not signed in.
      applySettings({
        portal: { anonymousTickets: true },
        server: { chatOnline: false, chatOrganizationIds: null },
      });
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => root(el).querySelector('portico-chat-offline'));
      const form = offline(el);
      await waitUntil(() => form.querySelector('#offline-name'));
      await expect(el).to.be.accessible();

      form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => form.querySelector('#offline-name-error'));
      expect(form.querySelector('#offline-name')!.getAttribute('aria-invalid')).to.equal('true');
      expect(form.activeElement?.id).to.equal('offline-name');
      expect(ticketPosts()).to.have.length(0);
      await expect(el).to.be.accessible();

      const fill = (id: string, value: string) => {
        const input = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
        input.value = value;
        input.dispatchEvent(new Event('input'));
      };
      fill('offline-name', 'Vera Visitor');
      fill('offline-email', 'vera@example.org');
      fill('offline-message', 'Please call me back\nabout my order');
      const created = oneEvent(el, 'portico-ticket-created');
      form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      const { detail } = await created;

      expect(ticketPosts()).to.have.length(1);
      const ticket = mockState.tickets.find((t) => t.number === detail.ticket.number)!;
      expect(ticket.formId).to.equal('chat-message');
      expect(ticket.subject).to.contain('Please call me back');
      const [message] = mockState.messages.filter((m) => m.ticketId === ticket.id);
      expect(message!.body.content).to.equal('Please call me back\nabout my order');
      const requester = mockState.users.find((u) => u.id === ticket.requesterId)!;
      expect({ name: requester.name, email: requester.email }).to.deep.equal({
        name: 'Vera Visitor',
        email: 'vera@example.org',
      });
      await waitUntil(() => form.querySelector('.confirmation'));
      expect(form.querySelector('.confirmation')!.textContent).to.contain(detail.ticket.number);
      await expect(el).to.be.accessible();
    });

    it('asks a signed-out visitor to sign in first where the portal takes no anonymous tickets, then offers the form', async () => {
      await useMockServices({ as: null });
      applySettings({
        portal: { anonymousTickets: false },
        server: { chatOnline: false, chatOrganizationIds: null },
      });
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => root(el).querySelector('portico-sign-in'));
      const signIn = root(el).querySelector('portico-sign-in')!;
      expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Sign in to leave us a message');
      expect(root(el).querySelector('portico-chat-offline') === null, 'no form the gateway would refuse').to.equal(
        true,
      );
      await expect(el).to.be.accessible();

      // Signing in right there brings the message form, without name and e-mail.
      await waitUntil(() => signIn.shadowRoot?.querySelector('form input[name="password"]'));
      const form = signIn.shadowRoot!.querySelector('form')!;
      const fill = (name: string, value: string) => {
        const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      fill('email', 'carol@acme.example');
      fill('password', DEMO_PASSWORD);
      form.requestSubmit();
      await waitUntil(() => root(el).querySelector('portico-chat-offline'), 'the form did not come after signing in');
      await waitUntil(() => offline(el).querySelector('#offline-message'));
      expect(offline(el).querySelector('#offline-name') === null, 'should be absent').to.equal(true);
      expect(ticketPosts()).to.have.length(0);
    });

    it('keeps the text and says why when the ticket cannot be created', async () => {
      const el = await fixture<PorticoChat>(html`<portico-chat></portico-chat>`);
      await waitUntil(() => root(el).querySelector('portico-chat-offline'));
      const form = offline(el);
      await waitUntil(() => form.querySelector('#offline-message'));
      worker.use(http.post(`${BASE}/tickets`, () => problem('unavailable', 'Helpdesk unreachable'), { once: true }));
      const textarea = form.querySelector<HTMLTextAreaElement>('#offline-message')!;
      textarea.value = 'Important';
      textarea.dispatchEvent(new Event('input'));
      form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => form.querySelector('[role="alert"]'));
      expect(form.querySelector('[role="alert"]')!.textContent).to.contain('not available right now');
      expect(form.querySelector<HTMLTextAreaElement>('#offline-message')!.value).to.equal('Important');
      expect(mockState.tickets.filter((t) => t.subject.includes('Important'))).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });
});
