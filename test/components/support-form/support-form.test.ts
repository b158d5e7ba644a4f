import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { Task } from '@lit/task';
import '../../../src/components/support-form/support-form.js';
import type { PorticoSupportForm } from '../../../src/components/support-form/support-form.component.js';
import { DraftStore, draftFilesKey, getDraftStore } from '../../../src/core/drafts.js';
import { getOutbox } from '../../../src/core/outbox.js';
import { draftKey } from '../../../src/components/support-form/form-draft.controller.js';
import { clearPrefill, setPrefill } from '../../../src/core/prefill.js';
import { setLocale } from '../../../src/core/i18n.js';
import type { NewTicketRequest, Ticket } from '../../../src/protocol/index.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { worker } from '../../mocks/browser.js';
import { BASE, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';

let services: PorticoServices;

const root = (el: PorticoSupportForm) => el.shadowRoot!;
const control = <T extends HTMLElement = HTMLInputElement>(el: PorticoSupportForm, key: string) =>
  root(el).querySelector<T>(`#f-${key.replace('.', '_')}`);

async function loaded(el: PorticoSupportForm): Promise<PorticoSupportForm> {
  const task = (el as unknown as { loadTask: Task<unknown[], unknown> }).loadTask;
  await el.updateComplete;
  await task.taskComplete.catch(() => undefined);
  await el.updateComplete;
  return el;
}

async function mount(template = html`<portico-support-form form-id="general"></portico-support-form>`) {
  return loaded(await fixture<PorticoSupportForm>(template));
}

async function type(el: PorticoSupportForm, key: string, value: string): Promise<void> {
  const input = control<HTMLInputElement | HTMLTextAreaElement>(el, key)!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function choose(el: PorticoSupportForm, key: string, value: string): Promise<void> {
  const select = control<HTMLSelectElement>(el, key)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function leave(el: PorticoSupportForm, key: string): Promise<void> {
  const input = control(el, key)!;
  input.focus();
  input.blur();
  await el.updateComplete;
}

async function fillGeneral(el: PorticoSupportForm, subject = 'Laptop will not start'): Promise<void> {
  await type(el, 'subject', subject);
  await type(el, 'description', 'It shows a black screen after the logo.');
  await choose(el, 'product', 'laptop');
}

/** Compares identity only: chai's inspector can spin on a Lit element when an assertion fails. */
function describeNode(node: Element | null): string {
  return node
    ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : ''}`
    : 'nothing';
}

function expectFocus(el: PorticoSupportForm, target: Element | null, message = 'focus'): void {
  const active = root(el).activeElement;
  expect(active === target, `${message}: expected ${describeNode(target)}, got ${describeNode(active)}`).to.equal(true);
}

function submitButton(el: PorticoSupportForm): HTMLButtonElement {
  return root(el).querySelector<HTMLButtonElement>('[part="submit"]')!;
}

async function submit(el: PorticoSupportForm): Promise<void> {
  submitButton(el).click();
  await el.updateComplete;
}

const posts = (path: string) => mockState.requests.filter((r) => r.method === 'POST' && r.path === path);

function errorText(el: PorticoSupportForm, key: string): string | null {
  const input = control(el, key)!;
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((id) => root(el).getElementById(id)).find((n) => n?.classList.contains('field-error'));
  return error?.textContent?.trim() ?? null;
}

function fileInput(el: PorticoSupportForm): HTMLInputElement {
  return root(el).querySelector<HTMLInputElement>('input[type="file"]')!;
}

function pick(el: PorticoSupportForm, files: File[]): void {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  const input = fileInput(el);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function attachmentItems(el: PorticoSupportForm): HTMLElement[] {
  return [...root(el).querySelectorAll<HTMLElement>('[part~="attachment"]')];
}

const diskReader = () => new DraftStore(BASE);
let reader: DraftStore | null = null;

/** The general form's draft as the next page load finds it (not the page's pending copy). */
async function savedDraft(): Promise<{ values?: Record<string, unknown>; idempotencyKey?: string } | undefined> {
  reader ??= diskReader();
  return reader.load(draftKey('general'));
}

async function clearDrafts(): Promise<void> {
  const store = getDraftStore(BASE);
  for (const key of [draftKey('general'), draftKey('access-request')]) {
    await store.remove(key);
    await store.remove(draftFilesKey(key));
  }
}

describe('<portico-support-form>', () => {
  beforeEach(async () => {
    await setLocale('en');
    clearPrefill();
    services = await useMockServices({ as: 'carol' });
    await clearDrafts();
  });

  afterEach(async () => {
    worker.resetHandlers();
    clearPrefill();
    // Nothing queued by one test is sent during the next.
    const outbox = getOutbox(services);
    await outbox.clear();
    outbox.stop();
    // Let debounced draft saves of the removed fixture settle before the next test clears them.
    await aTimeout(0);
  });

  // ------------------------------------------------------------ rendering

  it('renders every field type from the schema with its label, and the requester block', async () => {
    const el = await mount();
    const expected: Array<[string, string, string]> = [
      ['subject', 'INPUT', 'text'],
      ['description', 'TEXTAREA', 'textarea'],
      ['product', 'SELECT', 'select-one'],
      ['affectedUsers', 'INPUT', 'number'],
      ['contactEmail', 'INPUT', 'email'],
      ['since', 'INPUT', 'date'],
      ['notify', 'INPUT', 'checkbox'],
    ];
    for (const [key, tag, kind] of expected) {
      const c = control<HTMLInputElement>(el, key)!;
      expect(c, key).to.exist;
      expect(c.tagName, key).to.equal(tag);
      expect(c.type, key).to.equal(kind);
      const label = root(el).querySelector(`label[for="f-${key}"]`);
      expect(label, `label of ${key}`).to.exist;
    }
    expect(root(el).querySelector('label[for="f-subject"]')!.textContent).to.contain('Subject');
    expect(root(el).querySelector('#f-description-help')!.textContent).to.contain('What happened');
    expect(control(el, 'description')!.getAttribute('aria-describedby')).to.equal('f-description-help');
    // Defaults from the schema.
    expect(control<HTMLSelectElement>(el, 'urgency')!.value).to.equal('normal');
    expect(control<HTMLInputElement>(el, 'affectedUsers')!.value).to.equal('1');
    expect(control<HTMLInputElement>(el, 'notify')!.checked).to.equal(true);
    // The file field becomes the attachments picker.
    expect(root(el).querySelector('#f-attachment-label')!.textContent).to.contain('Attachment');
    expect(control(el, 'attachment')!.textContent).to.contain('Add files');
    // visible: false in the schema is not rendered.
    expect(control(el, 'internalRef')).to.equal(null);
    // Requester block per portal.requester: name visible (read-only), phone editable, from the session.
    const name = control<HTMLInputElement>(el, 'requester.name')!;
    expect(name.readOnly).to.equal(true);
    expect(name.value).to.equal('Carol Jansen');
    const phone = control<HTMLInputElement>(el, 'requester.phone')!;
    expect(phone.readOnly).to.equal(false);
    expect(phone.value).to.equal('+31 6 1234 5678');
    await expect(el).to.be.accessible();
  });

  it('hides or requires requester fields as the portal says', async () => {
    mockState.portal.requester = { name: 'hidden', email: 'required', phone: 'hidden', organization: 'visible' };
    const el = await mount();
    expect(control(el, 'requester.name')).to.equal(null);
    expect(control(el, 'requester.phone')).to.equal(null);
    expect(control<HTMLInputElement>(el, 'requester.email')!.required).to.equal(true);
    expect(control<HTMLInputElement>(el, 'requester.organization')!.value).to.equal('Acme Corp');
  });

  it('is accessible while loading and shows a retry when the form cannot be loaded', async () => {
    mockState.delayMs = 300;
    const pending = await fixture<PorticoSupportForm>(
      html`<portico-support-form form-id="general"></portico-support-form>`,
    );
    expect(root(pending).querySelector('[aria-busy="true"]')).to.exist;
    await expect(pending).to.be.accessible();
    mockState.delayMs = 0;

    const el = await mount(html`<portico-support-form form-id="no-such-form"></portico-support-form>`);
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
    mockState.forms.push({ ...mockState.forms[0], id: 'no-such-form' });
    root(el).querySelector<HTMLButtonElement>('button')!.click();
    await loaded(el);
    expect(control(el, 'subject')).to.exist;
  });

  // ------------------------------------------------------------ validation

  it('shows a field error only after the field was left, wired to aria-invalid and aria-describedby', async () => {
    const el = await mount();
    const subject = control(el, 'subject')!;
    expect(subject.getAttribute('aria-invalid')).to.equal('false');
    subject.focus();
    await el.updateComplete;
    expect(errorText(el, 'subject'), 'not while typing').to.equal(null);
    await leave(el, 'subject');
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
    expect(subject.getAttribute('aria-describedby')).to.equal('f-subject-error');
    expect(errorText(el, 'subject')).to.equal('Subject is required.');
    // Untouched fields still show nothing.
    expect(control(el, 'description')!.getAttribute('aria-invalid')).to.equal('false');
    // Help and error together on the description.
    await leave(el, 'description');
    expect(control(el, 'description')!.getAttribute('aria-describedby')).to.equal(
      'f-description-help f-description-error',
    );
    await expect(el).to.be.accessible();
    // Fixing it clears the error.
    await type(el, 'subject', 'Printer jam');
    expect(subject.getAttribute('aria-invalid')).to.equal('false');
    expect(errorText(el, 'subject')).to.equal(null);
  });

  it('checks types and limits from the schema (e-mail, number range)', async () => {
    const el = await mount();
    await type(el, 'contactEmail', 'not-an-address');
    await leave(el, 'contactEmail');
    expect(errorText(el, 'contactEmail')).to.contain('e-mail address');
    await type(el, 'affectedUsers', '0');
    await leave(el, 'affectedUsers');
    expect(errorText(el, 'affectedUsers')).to.equal('Number of people affected must be at least 1.');
  });

  it('on submit with errors lists them in a summary, focuses the first invalid field and sends nothing', async () => {
    const el = await mount();
    await type(el, 'description', 'Something broke');
    await submit(el);
    const summary = root(el).querySelector('[part="error-summary"]')!;
    expect(summary).to.exist;
    const items = [...summary.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(items).to.deep.equal(['Subject: Subject is required.', 'Product: Product is required.']);
    expectFocus(el, control(el, 'subject'));
    expect(control(el, 'product')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).querySelector('[role="status"]:not([part])')!.textContent).to.contain('2 problems');
    expect(posts('/tickets')).to.have.length(0);
    await expect(el).to.be.accessible();
    // A summary link moves focus to its field.
    summary.querySelectorAll('a')[1].click();
    expectFocus(el, control(el, 'product'));
  });

  it('submits with Enter from a text field (keyboard)', async () => {
    const el = await mount();
    control(el, 'subject')!.focus();
    await sendKeys({ type: 'VPN drops' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).querySelector('[part="error-summary"]')).to.exist;
    expectFocus(el, control(el, 'description'));
  });

  // ------------------------------------------------------------ conditions

  it('shows a conditional field only while its condition holds, and leaves it out of the request', async () => {
    const el = await mount(html`<portico-support-form form-id="access-request"></portico-support-form>`);
    expect(control(el, 'reason'), 'hidden at first').to.equal(null);
    await choose(el, 'accessLevel', 'admin');
    expect(control(el, 'reason'), 'shown for admin').to.exist;
    await type(el, 'reason', 'I run the CRM migration');
    await choose(el, 'accessLevel', 'write');
    expect(control(el, 'reason'), 'hidden again').to.equal(null);

    await choose(el, 'system', 'crm');
    await type(el, 'startDate', '2030-01-15');
    await type(el, 'managerEmail', 'boss@acme.example');
    setTimeout(() => submitButton(el).click());
    const before = await oneEvent(el, 'portico-before-submit');
    const request = before.detail.request as NewTicketRequest;
    expect(request.fields).to.not.have.property('reason');
    expect(request.fields).to.include({
      system: 'crm',
      accessLevel: 'write',
      startDate: '2030-01-15',
      costCentre: 'CC-4100',
    });
    const created = await oneEvent(el, 'portico-ticket-created');
    expect(created.detail.ticket.fields).to.not.have.property('reason');
  });

  it('validates a conditional field only while it is shown', async () => {
    const el = await mount(html`<portico-support-form form-id="access-request"></portico-support-form>`);
    await choose(el, 'accessLevel', 'admin');
    await submit(el);
    const keys = [...root(el).querySelectorAll('[part="error-summary"] li')].map((li) => li.textContent);
    expect(keys.some((t) => t!.includes('Why do you need administrator access?'))).to.equal(true);
    await choose(el, 'accessLevel', 'read');
    const after = [...root(el).querySelectorAll('[part="error-summary"] li')].map((li) => li.textContent);
    expect(after.some((t) => t!.includes('administrator'))).to.equal(false);
  });

  // ------------------------------------------------------------ host control

  it('takes prefill from setPrefill() before and after mounting, never over what the user typed', async () => {
    setPrefill({ subject: 'Printer on floor 3', product: 'printer' });
    const el = await mount();
    expect(control<HTMLInputElement>(el, 'subject')!.value).to.equal('Printer on floor 3');
    expect(control<HTMLSelectElement>(el, 'product')!.value).to.equal('printer');

    await type(el, 'subject', 'My own words');
    setPrefill({ subject: 'Host subject', description: 'From the host page' });
    await el.updateComplete;
    expect(control<HTMLInputElement>(el, 'subject')!.value, 'typed text kept').to.equal('My own words');
    expect(control<HTMLTextAreaElement>(el, 'description')!.value).to.equal('From the host page');
  });

  it('takes prefill from the prefill attribute (JSON)', async () => {
    const el = await mount(
      html`<portico-support-form form-id="general" prefill='{"subject":"From markup","notify":false,"affectedUsers":"12"}'></portico-support-form>`,
    );
    expect(control<HTMLInputElement>(el, 'subject')!.value).to.equal('From markup');
    expect(control<HTMLInputElement>(el, 'notify')!.checked).to.equal(false);
    expect(control<HTMLInputElement>(el, 'affectedUsers')!.value).to.equal('12');
  });

  it('hidden-fields hides prefilled fields but still sends them; readonly-fields locks them', async () => {
    setPrefill({ product: 'vpn', subject: 'VPN page' });
    const el = await mount(
      html`<portico-support-form form-id="general" hidden-fields="product, urgency" readonly-fields="subject"></portico-support-form>`,
    );
    expect(control(el, 'product')).to.equal(null);
    expect(control(el, 'urgency')).to.equal(null);
    const subject = control<HTMLInputElement>(el, 'subject')!;
    expect(subject.readOnly).to.equal(true);
    await type(el, 'description', 'Cannot connect');
    setTimeout(() => submitButton(el).click());
    const { detail } = await oneEvent(el, 'portico-before-submit');
    expect(detail.request.subject).to.equal('VPN page');
    expect(detail.request.fields).to.include({ product: 'vpn', urgency: 'normal' });
    await oneEvent(el, 'portico-ticket-created');
    await expect(el).to.be.accessible();
  });

  it('sends nothing when portico-before-submit is cancelled', async () => {
    const el = await mount();
    await fillGeneral(el);
    el.addEventListener('portico-before-submit', (e) => e.preventDefault(), { once: true });
    await submit(el);
    await aTimeout(100);
    expect(posts('/tickets')).to.have.length(0);
    expect(control<HTMLInputElement>(el, 'subject')!.value, 'input kept').to.equal('Laptop will not start');
  });

  it('sends the request the host changed in portico-before-submit', async () => {
    const el = await mount();
    await fillGeneral(el);
    el.addEventListener(
      'portico-before-submit',
      (e) => {
        e.detail.request = {
          ...e.detail.request,
          subject: '[Web shop] Laptop will not start',
          // The gateway refuses fields its form lacks: the host fills the form's hidden field.
          fields: { ...e.detail.request.fields, internalRef: 'webshop' },
        };
      },
      { once: true },
    );
    setTimeout(() => submitButton(el).click());
    const { detail } = await oneEvent(el, 'portico-ticket-created');
    const ticket = detail.ticket as Ticket;
    expect(ticket.subject).to.equal('[Web shop] Laptop will not start');
    expect(ticket.fields).to.include({ internalRef: 'webshop', product: 'laptop' });
  });

  // ------------------------------------------------------------ server errors

  it('shows the server’s 422 field errors on their fields', async () => {
    worker.use(
      http.post(`${BASE}/tickets`, () =>
        HttpResponse.json(
          {
            type: 'https://portico.dev/problems/validation',
            title: 'Some fields need attention',
            status: 422,
            errors: [
              { field: 'subject', code: 'max-length', params: { max: 5 }, message: 'must be at most 5 characters' },
              { field: 'fields.product', code: 'one-of', message: 'must be one of the options' },
              { field: 'fields.internalRef', code: 'unknown', message: 'unknown field' },
            ],
          },
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const el = await mount();
    await fillGeneral(el);
    await submit(el);
    await waitUntil(() => control(el, 'subject')!.getAttribute('aria-invalid') === 'true', 'server error shown');
    expect(errorText(el, 'subject')).to.equal('Subject can be at most 5 characters.');
    expect(errorText(el, 'product')).to.equal('Choose one of the options for Product.');
    // A field the user cannot see is reported for the whole form instead of vanishing.
    expect(root(el).querySelector('[part="form-error"]')!.textContent).to.contain('Internal reference is not valid.');
    expectFocus(el, control(el, 'subject'));
    expect(control<HTMLInputElement>(el, 'subject')!.value, 'input kept').to.equal('Laptop will not start');
    await expect(el).to.be.accessible();
    await type(el, 'subject', 'Laptop will not start (again)');
    expect(errorText(el, 'subject'), 'editing clears the server error').to.equal(null);
  });

  // ------------------------------------------------------------ attachments

  it('rejects too big and wrongly typed files before any upload request', async () => {
    mockState.portal.uploads = {
      maxBytes: 1000,
      maxFiles: 2,
      allowedTypes: ['image/png', 'text/plain', '.png', '.log'],
    };
    const el = await mount();
    pick(el, [
      new File([new Uint8Array(5000)], 'huge.png', { type: 'image/png' }),
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
    ]);
    await el.updateComplete;
    const items = attachmentItems(el);
    expect(items).to.have.length(2);
    expect(items[0].textContent).to.contain('“huge.png” is too large');
    expect(items[0].textContent).to.contain('1,000 byte');
    expect(items[1].textContent).to.contain('“setup.exe” is not an allowed file type');
    await aTimeout(100);
    expect(posts('/uploads')).to.have.length(0);
    await expect(el).to.be.accessible();

    // Rejected files can be removed; the limit counts only what is attached.
    items[0].querySelector<HTMLButtonElement>('button[aria-label="Remove huge.png"]')!.click();
    await el.updateComplete;
    expect(attachmentItems(el)).to.have.length(1);
  });

  it('enforces maxFiles before uploading', async () => {
    mockState.portal.uploads = { maxBytes: 1000, maxFiles: 1, allowedTypes: ['.log'] };
    const el = await mount();
    pick(el, [new File(['a'], 'one.log'), new File(['b'], 'two.log')]);
    await waitUntil(() => attachmentItems(el)[0]?.dataset.status === 'done', 'first uploaded');
    expect(attachmentItems(el)[1].textContent).to.contain('at most 1 files');
    expect(posts('/uploads')).to.have.length(1);
  });

  it('uploads picked, dropped and pasted files with progress, and sends their ids', async () => {
    const el = await mount();
    mockState.delayMs = 300;
    pick(el, [new File(['log line'], 'vpn.log', { type: 'text/plain' })]);
    await el.updateComplete;
    expect(attachmentItems(el)[0].querySelector('progress'), 'progress while uploading').to.exist;
    await expect(el).to.be.accessible();
    mockState.delayMs = 0;

    const drop = new DataTransfer();
    drop.items.add(new File(['%PDF'], 'manual.pdf', { type: 'application/pdf' }));
    root(el)
      .querySelector('[part="dropzone"]')!
      .dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));

    const paste = new DataTransfer();
    paste.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'screenshot.png', { type: 'image/png' }));
    control(el, 'description')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, composed: true, cancelable: true }),
    );

    await waitUntil(
      () => attachmentItems(el).length === 3 && attachmentItems(el).every((i) => i.dataset.status === 'done'),
      'all uploaded',
    );
    expect(posts('/uploads')).to.have.length(3);
    expect(attachmentItems(el).map((i) => i.querySelector('.name')!.firstChild!.textContent!.trim())).to.deep.equal([
      'vpn.log',
      'manual.pdf',
      'screenshot.png',
    ]);

    // Removing one leaves it out of the request.
    attachmentItems(el)[1].querySelector<HTMLButtonElement>('button[aria-label="Remove manual.pdf"]')!.click();
    await el.updateComplete;
    await fillGeneral(el);
    setTimeout(() => submitButton(el).click());
    const { detail } = await oneEvent(el, 'portico-before-submit');
    const ids = detail.request.attachments!;
    expect(ids).to.have.length(2);
    expect(ids.map((id: string) => mockState.uploads.get(id)!.name)).to.deep.equal(['vpn.log', 'screenshot.png']);
    await oneEvent(el, 'portico-ticket-created');
  });

  it('shows the server’s 413 and 415 on the file', async () => {
    let answer = 413;
    worker.use(
      http.post(`${BASE}/uploads`, () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: answer === 413 ? 'File too large' : 'Type not allowed',
            status: answer,
            errors: [
              answer === 413
                ? { field: 'file', code: 'file-too-large', params: { max: 1000 }, message: '' }
                : { field: 'file', code: 'file-type', params: { type: 'text/plain' }, message: '' },
            ],
          },
          { status: answer, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const el = await mount();
    pick(el, [new File(['x'], 'big.log', { type: 'text/plain' })]);
    await waitUntil(() => attachmentItems(el)[0]?.dataset.status === 'rejected', 'upload refused');
    expect(attachmentItems(el)[0].textContent).to.contain('“big.log” is too large. Files can be at most');
    answer = 415;
    pick(el, [new File(['x'], 'odd.log', { type: 'text/plain' })]);
    await waitUntil(() => attachmentItems(el)[1]?.dataset.status === 'rejected', 'second upload refused');
    expect(attachmentItems(el)[1].textContent).to.contain('“odd.log” is not an allowed file type');
    // The same file would be refused again: no Retry on either.
    expect(
      attachmentItems(el).flatMap((li) => [...li.querySelectorAll('button')].map((b) => b.textContent!.trim())),
    ).to.deep.equal(['Remove', 'Remove']);
    await expect(el).to.be.accessible();
  });

  it('sends no request while a file is not attached; Retry attaches it, and it goes with the request', async () => {
    worker.use(
      http.post(
        `${BASE}/uploads`,
        () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 503 }, { status: 503 }),
        { once: true },
      ),
    );
    const el = await mount();
    await fillGeneral(el);
    pick(el, [new File(['vpn log'], 'vpn.log', { type: 'text/plain' })]);
    await waitUntil(() => attachmentItems(el)[0]?.dataset.status === 'failed', 'upload failed');
    expect(attachmentItems(el)[0].textContent).to.contain('“vpn.log” could not be uploaded.');
    await submit(el);
    const formError = root(el).querySelector('[part="form-error"]')!;
    expect(formError.textContent!.trim()).to.equal('“vpn.log” is not attached. Retry or remove it, then send again.');
    expect(posts('/tickets')).to.have.length(0);
    await expect(el).to.be.accessible();

    [...attachmentItems(el)[0].querySelectorAll('button')].find((b) => b.textContent!.includes('Retry'))!.click();
    await waitUntil(() => attachmentItems(el)[0]?.dataset.status === 'done', 'uploaded on retry');
    setTimeout(() => submitButton(el).click());
    const { detail } = await oneEvent(el, 'portico-ticket-created');
    const attached = mockState.messages.filter((m) => m.ticketId === detail.ticket.id).flatMap((m) => m.attachments);
    expect(attached.map((a) => a.name)).to.deep.equal(['vpn.log']);
  });

  it('brings back a file attached before a reload, still uploading then, and sends it once', async () => {
    // The first upload never gets an answer: the page goes before it is done.
    worker.use(http.post(`${BASE}/uploads`, () => new Promise<never>(() => {}), { once: true }));
    const first = await mount();
    await type(first, 'subject', 'Printer jams');
    pick(first, [new File(['jam at tray 2'], 'jam.log', { type: 'text/plain' })]);
    await waitUntil(() => attachmentItems(first)[0]?.dataset.status === 'uploading', 'uploading');
    first.remove();
    await getDraftStore(BASE).flush();

    const second = await mount();
    await waitUntil(() => attachmentItems(second)[0]?.dataset.status === 'done', 'the file did not come back');
    expect(attachmentItems(second).map((i) => i.querySelector('.file-name')!.textContent)).to.deep.equal(['jam.log']);
    expect(control<HTMLInputElement>(second, 'subject')!.value).to.equal('Printer jams');
    await type(second, 'description', 'Every morning.');
    await choose(second, 'product', 'printer');
    setTimeout(() => submitButton(second).click());
    const { detail } = await oneEvent(second, 'portico-ticket-created');
    const attached = mockState.messages.filter((m) => m.ticketId === detail.ticket.id).flatMap((m) => m.attachments);
    expect(attached.map((a) => a.name)).to.deep.equal(['jam.log']);
    expect(await mockState.uploads.get(attached[0]!.id)!.blob.text()).to.equal('jam at tray 2');
    // Sent: the files are gone from the draft too.
    await getDraftStore(BASE).flush();
    expect(await diskReader().load(draftFilesKey(draftKey('general')))).to.equal(undefined);
  });

  // ------------------------------------------------------------ suggestions

  it('suggests articles while the subject is typed: debounced, one request for fast typing, announced politely', async () => {
    const el = await mount();
    const input = control<HTMLInputElement>(el, 'subject')!;
    input.focus();
    for (const text of ['v', 'vp', 'vpn', 'vpn c', 'vpn cl', 'vpn client']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await aTimeout(40);
    }
    await waitUntil(() => root(el).querySelector('[part="suggestions"]'), 'suggestions shown', { timeout: 2000 });
    const searches = mockState.requests.filter((r) => r.path === '/articles');
    expect(searches).to.have.length(1);
    expect(new URL(searches[0].url).searchParams.get('q')).to.equal('vpn client');
    const suggestion = root(el).querySelector<HTMLButtonElement>('[part="suggestions"] button.suggestion')!;
    expect(suggestion.textContent).to.contain('Reinstall the VPN client');
    expect(suggestion.getAttribute('aria-expanded')).to.equal('false');
    const live = root(el).querySelector('[part="suggestions-status"]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(live.textContent!.trim()).to.equal('1 suggested article');
    await expect(el).to.be.accessible();
  });

  it('opens a suggested article in place — title, body and “did this answer your question?” — without leaving the form', async () => {
    const el = await mount();
    await type(el, 'subject', 'I forgot my Outlook password');
    await waitUntil(() => root(el).querySelector('[part="suggestions"] button.suggestion'), 'no suggestion', {
      timeout: 2000,
    });
    const search = mockState.requests.find((r) => r.path === '/articles')!;
    expect(new URL(search.url).searchParams.get('locale')).to.equal('en');
    const suggestion = root(el).querySelector<HTMLButtonElement>('[part="suggestions"] button.suggestion')!;
    expect(suggestion.textContent!.trim()).to.equal('Outlook keeps asking for a password');
    suggestion.click();
    await el.updateComplete;
    expect(suggestion.getAttribute('aria-expanded')).to.equal('true');
    const article = root(el).querySelector('portico-knowledge')!;
    await waitUntil(() => article.shadowRoot?.querySelector('[part~="article-body"] em'), 'article never shown');
    expect(article.shadowRoot!.querySelector('#article-title')!.textContent!.trim()).to.equal(
      'Outlook keeps asking for a password',
    );
    expect(article.shadowRoot!.querySelector('[part="back"]'), 'no way to a list inside the form').to.equal(null);
    article.shadowRoot!.querySelector<HTMLButtonElement>('[data-answer="yes"]')!.click();
    await waitUntil(() => mockState.articleFeedback.length === 1, 'feedback not recorded');
    expect(mockState.articleFeedback[0]).to.include({ articleId: 'kb-2', helpful: true });
    expect(control<HTMLInputElement>(el, 'subject')!.value).to.equal('I forgot my Outlook password');
    await expect(el).to.be.accessible();
  });

  it('aborts the previous search when the user types on', async () => {
    const el = await mount();
    const signals: AbortSignal[] = [];
    const original = services.backend.searchArticles.bind(services.backend);
    services.backend.searchArticles = (q, opts = {}) => {
      signals.push(opts.signal!);
      return original(q, opts);
    };
    mockState.delayMs = 600;
    await type(el, 'subject', 'printer');
    await waitUntil(() => signals.length === 1, 'first search started', { timeout: 2000 });
    await type(el, 'subject', 'printer blank pages');
    await waitUntil(() => signals.length === 2, 'second search started', { timeout: 2000 });
    expect(signals[0].aborted, 'first aborted').to.equal(true);
    expect(signals[1].aborted).to.equal(false);
    mockState.delayMs = 0;
  });

  // ------------------------------------------------------------ drafts + idempotency

  it('restores the draft after the element is removed and created again, and clears it after success', async () => {
    const first = await mount();
    await type(first, 'subject', 'Draft subject');
    await type(first, 'description', 'Draft body that must survive');
    await choose(first, 'urgency', 'high');
    first.remove(); // flushes the draft, as a reload (pagehide) would
    await waitUntil(
      async () => (await savedDraft())?.values?.description === 'Draft body that must survive',
      'on disk',
    );

    const second = await mount();
    expect(control<HTMLInputElement>(second, 'subject')!.value).to.equal('Draft subject');
    expect(control<HTMLTextAreaElement>(second, 'description')!.value).to.equal('Draft body that must survive');
    expect(control<HTMLSelectElement>(second, 'urgency')!.value).to.equal('high');

    await choose(second, 'product', 'laptop');
    setTimeout(() => submitButton(second).click());
    await oneEvent(second, 'portico-ticket-created');
    second.remove();

    expect(await savedDraft(), 'draft removed from disk').to.equal(undefined);
    const third = await mount();
    expect(control<HTMLInputElement>(third, 'subject')!.value, 'draft cleared').to.equal('');
    expect(control<HTMLSelectElement>(third, 'urgency')!.value).to.equal('normal');
  });

  it('saves the draft while typing, without waiting for the element to go', async () => {
    const el = await mount();
    await type(el, 'subject', 'Saved as I type');
    // A second store instance reads only what reached IndexedDB, as the next page load would.
    await waitUntil(async () => (await savedDraft())?.values?.subject === 'Saved as I type', 'draft saved', {
      timeout: 2000,
    });
  });

  it('queues the ticket after a network failure, shows it as waiting, and sends it once online with the same key', async () => {
    const keys: string[] = [];
    worker.use(
      http.post(`${BASE}/tickets`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key') ?? '');
        return undefined; // on to the mock gateway
      }),
    );
    const el = await mount();
    await fillGeneral(el);
    const ticketsBefore = mockState.tickets.length;

    mockState.offline = true;
    await submit(el);
    await waitUntil(() => root(el).querySelector('[part~="queued"]'), 'shown as waiting to send');
    const queued = root(el).querySelector('[part~="queued"]')!;
    expect(queued.textContent).to.contain('waiting to be sent');
    expect(queued.textContent).to.contain('Laptop will not start');
    expectFocus(el, queued.querySelector('h2'));
    expect(root(el).querySelector('[part="queued-cancel"]')).to.exist;
    await expect(el).to.be.accessible();
    expect((await savedDraft())?.idempotencyKey, 'the draft keeps the key').to.equal(keys[0]);

    const created = oneEvent(el, 'portico-ticket-created');
    mockState.offline = false;
    window.dispatchEvent(new Event('online'));
    const { detail } = await created;
    expect(keys.length).to.be.at.least(2);
    expect(keys[0]).to.match(/^[0-9a-f-]{32,36}$/);
    expect(new Set(keys).size, 'one key for every attempt').to.equal(1);
    expect(mockState.tickets.length).to.equal(ticketsBefore + 1);
    expect(detail.ticket.subject).to.equal('Laptop will not start');
    await waitUntil(() => root(el).querySelector('[part~="success"]'), 'success shown');
  });

  it('takes a waiting ticket back on cancel: the form comes back as typed and nothing is sent', async () => {
    const el = await mount();
    await fillGeneral(el, 'Cancelled before it went');
    mockState.offline = true;
    await submit(el);
    await waitUntil(() => root(el).querySelector('[part="queued-cancel"]'), 'shown as waiting to send');
    root(el).querySelector<HTMLButtonElement>('[part="queued-cancel"]')!.click();
    await waitUntil(() => control<HTMLInputElement>(el, 'subject'), 'the form again');
    expect(control<HTMLInputElement>(el, 'subject')!.value).to.equal('Cancelled before it went');
    expect(getOutbox(services).entries).to.have.length(0);
    mockState.offline = false;
    const before = posts('/tickets').length;
    await getOutbox(services).flush();
    expect(posts('/tickets').length, 'nothing sent after cancel').to.equal(before);
    expect(mockState.tickets.filter((t) => t.subject === 'Cancelled before it went')).to.have.length(0);
  });

  it('makes no second ticket when the first answer was lost on the way back', async () => {
    services = await useMockServices({ as: 'carol', config: { timeoutMs: 800 } });
    const keys: string[] = [];
    worker.use(
      http.post(`${BASE}/tickets`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key') ?? '');
        return undefined;
      }),
    );
    const el = await mount();
    await fillGeneral(el, 'Answer lost in transit');
    const ticketsBefore = mockState.tickets.length;

    // The gateway makes the ticket, but only after the browser gave up waiting.
    mockState.delayMs = 1200;
    const created = oneEvent(el, 'portico-ticket-created');
    await submit(el);
    await waitUntil(() => root(el).querySelector('[part~="queued"]'), 'waiting after the timeout', { timeout: 3000 });
    await waitUntil(() => mockState.tickets.length === ticketsBefore + 1, 'gateway created it anyway', {
      timeout: 3000,
    });
    mockState.delayMs = 0;

    // The outbox retries by itself, with the same key: the gateway answers with the first ticket.
    const { detail } = await created;
    expect(keys.length).to.be.at.least(2);
    expect(new Set(keys).size).to.equal(1);
    expect(mockState.tickets.length, 'still one ticket').to.equal(ticketsBefore + 1);
    expect(detail.ticket.id).to.equal(mockState.tickets.at(-1)!.id);
  });

  it('reuses the key of a restored draft after a reload', async () => {
    const keys: string[] = [];
    worker.use(
      http.post(`${BASE}/tickets`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key') ?? '');
        return undefined;
      }),
    );
    const first = await mount();
    await fillGeneral(first);
    const ticketsBefore = mockState.tickets.length;
    mockState.offline = true;
    await submit(first);
    await waitUntil(() => root(first).querySelector('[part~="queued"]'), 'waiting to send');
    first.remove();
    // A reload: this page's outbox is gone; the next page load finds the stored ticket and its draft.
    getOutbox(services).stop();
    // A retry of the old page still on the wire fails (offline) before the network comes back:
    // otherwise that page, not the next one, would deliver the ticket.
    await waitUntil(
      async () => !(await navigator.locks.query()).held?.some((l) => l.name?.endsWith(':flush')),
      'the old page’s outbox is idle',
    );
    mockState.offline = false;
    services = await useMockServices({ as: 'carol', reset: false });

    // The new page's outbox sends it by itself; the form follows it to the ticket number.
    const second = await mount();
    await waitUntil(() => root(second).querySelector('[part~="success"]'), 'sent after the reload');
    expect(new Set(keys).size).to.equal(1);
    expect(mockState.tickets.length, 'one ticket').to.equal(ticketsBefore + 1);
    expect(await savedDraft(), 'draft removed').to.equal(undefined);
  });

  // ------------------------------------------------------------ success

  it('shows progress while sending, then the ticket number, a link that selects it, and a new request', async () => {
    const el = await mount();
    await fillGeneral(el);
    mockState.delayMs = 300;
    const created = oneEvent(el, 'portico-ticket-created');
    submitButton(el).click();
    await el.updateComplete;
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(submitButton(el).textContent).to.contain('Sending…');
    await expect(el).to.be.accessible();
    // A second click while sending sends nothing more.
    submitButton(el).click();
    const { detail } = await created;
    mockState.delayMs = 0;
    expect(posts('/tickets')).to.have.length(1);
    const ticket = detail.ticket as Ticket;
    expect(ticket.number).to.match(/^\d+$/);
    await el.updateComplete;

    expect(root(el).querySelector('h2')!.textContent).to.contain('your request was sent');
    expectFocus(el, root(el).querySelector('h2'));
    expect(root(el).textContent).to.contain(`Your ticket number is ${ticket.number}.`);
    await expect(el).to.be.accessible();

    setTimeout(() => root(el).querySelector<HTMLAnchorElement>('[part="ticket-link"]')!.click());
    const select = await oneEvent(el, 'portico-ticket-select');
    expect(select.detail).to.deep.equal({ ticketId: ticket.id });

    root(el).querySelector<HTMLButtonElement>('[part="new-request"]')!.click();
    await loaded(el);
    expect(control<HTMLInputElement>(el, 'subject')!.value).to.equal('');
  });

  // ------------------------------------------------------------ signed out

  it('shows <portico-sign-in> when signed out and the portal takes no anonymous tickets', async () => {
    services = await useMockServices({ as: null });
    const el = await mount();
    expect(root(el).querySelector('portico-sign-in')).to.exist;
    expect(root(el).querySelector('form')).to.equal(null);
  });

  it('takes anonymous requests where the portal allows them, with the e-mail address required', async () => {
    services = await useMockServices({ as: null });
    mockState.portal.anonymousTickets = true;
    const el = await mount();
    const email = control<HTMLInputElement>(el, 'requester.email')!;
    expect(email.required).to.equal(true);
    expect(email.readOnly).to.equal(false);
    expect(control<HTMLInputElement>(el, 'requester.name')!.readOnly, 'visible becomes editable').to.equal(false);
    await fillGeneral(el);
    await submit(el);
    expectFocus(el, email);
    expect(errorText(el, 'requester.email')).to.equal('E-mail address is required.');
    await expect(el).to.be.accessible();

    await type(el, 'requester.name', 'Pat Visitor');
    await type(el, 'requester.email', 'pat@visitor.example');
    setTimeout(() => submitButton(el).click());
    const { detail } = await oneEvent(el, 'portico-before-submit');
    expect(detail.request.requester).to.deep.include({ name: 'Pat Visitor', email: 'pat@visitor.example' });
    await oneEvent(el, 'portico-ticket-created');
    await el.updateComplete;
    expect(root(el).querySelector('[part="ticket-link"]'), 'no link an anonymous user cannot open').to.equal(null);
  });

  // ------------------------------------------------------------ locale

  it('shows schema labels and its own text in the active locale', async () => {
    const el = await mount();
    await setLocale('nl');
    await el.updateComplete;
    expect(root(el).querySelector('label[for="f-subject"]')!.textContent).to.contain('Onderwerp');
    expect(submitButton(el).textContent!.trim()).to.equal('Melding versturen');
    await submit(el);
    expect(errorText(el, 'subject')).to.equal('Onderwerp is verplicht.');
    await expect(el).to.be.accessible();
  });
});
