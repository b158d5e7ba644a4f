/**
 * One rule, one verdict: every case goes through the browser's path (what the
 * support form, the upload picker and sign-in run before sending) and through
 * the gateway over HTTP, and both must say the same — accepted, or refused
 * with the same issue codes on the same fields.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTicketRequest, defaultValues, formIssues, resolveRequester } from '../../src/core/form-model.js';
import {
  checkUpload,
  CHAT_MESSAGE_FORM_ID,
  isEmailAddress,
  type FieldIssue,
  type FormSchema,
  type FormValues,
  type PortalSettings,
  type UploadLimits,
} from '../../src/protocol/index.js';
import { embeddedGateway, PortalClient, type GatewayUnderTest } from './helpers/gateway-harness.js';
import { makeWorld, PASSWORD, type World } from './helpers/world.js';

/** Forms that exercise every rule: types, limits, conditions (chained, with defaults), a body named `message`. */
const RULES_FORM: FormSchema = {
  id: 'rules',
  name: { en: 'Rules' },
  fields: [
    { id: 'subject', type: 'text', label: { en: 'Subject' }, required: true, maxLength: 40 },
    { id: 'message', type: 'textarea', label: { en: 'Message' }, required: true, maxLength: 200 },
    { id: 'email', type: 'email', label: { en: 'E-mail' } },
    { id: 'count', type: 'number', label: { en: 'Count' }, min: 1, max: 9 },
    { id: 'when', type: 'date', label: { en: 'When' } },
    { id: 'agree', type: 'checkbox', label: { en: 'I agree' }, required: true },
    {
      id: 'kind',
      type: 'select',
      label: { en: 'Kind' },
      options: [
        { value: 'bug', label: { en: 'Bug' } },
        { value: 'wish', label: { en: 'Wish' } },
      ],
    },
    {
      id: 'severity',
      type: 'select',
      label: { en: 'Severity' },
      default: 'high',
      options: [
        { value: 'low', label: { en: 'Low' } },
        { value: 'high', label: { en: 'High' } },
      ],
      condition: { field: 'kind', equals: 'bug' },
    },
    // Chained: asked only when severity is high — and severity is only in play for bugs.
    {
      id: 'impact',
      type: 'textarea',
      label: { en: 'Impact' },
      required: true,
      condition: { field: 'severity', equals: 'high' },
    },
    { id: 'locked', type: 'text', label: { en: 'Locked' }, editable: false, default: 'fixed' },
    { id: 'files', type: 'file', label: { en: 'Files' } },
  ],
};

const OK: FormValues = {
  subject: 'Printer',
  message: 'It jams.',
  agree: true,
  kind: 'wish',
};

interface FormCase {
  name: string;
  values: FormValues;
}

const FORM_CASES: FormCase[] = [
  { name: 'everything right', values: OK },
  { name: 'subject missing', values: { ...OK, subject: '  ' } },
  { name: 'subject too long', values: { ...OK, subject: 'x'.repeat(41) } },
  { name: 'body field named message, empty', values: { ...OK, message: '' } },
  { name: 'body field named message, too long', values: { ...OK, message: 'y'.repeat(201) } },
  { name: 'required checkbox left unticked', values: { ...OK, agree: false } },
  { name: 'bad e-mail', values: { ...OK, email: 'not-an-address' } },
  { name: 'e-mail with markup', values: { ...OK, email: '<a>@x.example' } },
  { name: 'good e-mail', values: { ...OK, email: 'pat@acme.example' } },
  { name: 'number below min', values: { ...OK, count: 0 } },
  { name: 'number above max', values: { ...OK, count: 10 } },
  { name: 'number typed as text', values: { ...OK, count: 'three' } },
  { name: 'impossible date', values: { ...OK, when: '2025-02-30' } },
  { name: 'good date', values: { ...OK, when: '2025-02-28' } },
  { name: 'option not offered', values: { ...OK, kind: 'toaster' } },
  // severity defaults to high, but is not in play for a wish: impact must not be required.
  { name: 'chained condition inactive despite a default', values: { ...OK, kind: 'wish', severity: 'high' } },
  { name: 'chained condition active, impact missing', values: { ...OK, kind: 'bug' } },
  { name: 'chained condition active, impact given', values: { ...OK, kind: 'bug', impact: 'Nobody can print' } },
  { name: 'chained condition cut by a low severity', values: { ...OK, kind: 'bug', severity: 'low' } },
  { name: 'control characters in a line', values: { ...OK, subject: 'Tab\there' } },
];

const LIMITS: UploadLimits = {
  maxBytes: 1000,
  maxFiles: 5,
  allowedTypes: ['image/png', 'text/plain', '.png', '.txt', '.log'],
};

const UPLOAD_CASES: Array<{ name: string; file: { name: string; type: string; size: number } }> = [
  { name: 'allowed by type and extension', file: { name: 'shot.png', type: 'image/png', size: 10 } },
  { name: 'generic type, extension known', file: { name: 'notes.txt', type: 'application/octet-stream', size: 10 } },
  { name: 'log file with text type', file: { name: 'app.log', type: 'text/plain', size: 10 } },
  { name: 'allowed extension, wrong type', file: { name: 'shot.png', type: 'application/x-msdownload', size: 10 } },
  { name: 'allowed type, wrong extension', file: { name: 'setup.exe', type: 'text/plain', size: 10 } },
  { name: 'too large', file: { name: 'big.txt', type: 'text/plain', size: 1001 } },
  { name: 'empty', file: { name: 'none.txt', type: 'text/plain', size: 0 } },
  { name: 'a path in the name', file: { name: '../etc.txt', type: 'text/plain', size: 10 } },
];

const EMAILS = [
  'carol@acme.example',
  'Carol.Jansen+portal@mail.acme.example',
  'carol@acme',
  'carol@@acme.example',
  'carol acme@acme.example',
  '"carol"@acme.example',
  'carol@acme..example',
  `${'x'.repeat(65)}@acme.example`,
  'carol@acme.e',
  '<img src=x>@acme.example',
];

const pairs = (issues: readonly Pick<FieldIssue, 'field' | 'code'>[]) =>
  issues.map((i) => `${i.field}:${i.code}`).sort();

describe('client and gateway apply the same rules', () => {
  let gw: GatewayUnderTest;
  let w: World;
  let bob: PortalClient;
  let portal: PortalSettings;

  before(async () => {
    gw = await embeddedGateway()({
      settings: {
        portal: {
          uploads: LIMITS,
          requester: { name: 'hidden', email: 'hidden', phone: 'hidden', organization: 'hidden' },
        },
      },
    });
    w = await makeWorld(gw.admin);
    await gw.admin.saveForm(RULES_FORM);
    bob = await new PortalClient(gw.api).signIn(w.bob.email, PASSWORD);
    portal = (await bob.get('/portal')).body;
  });
  after(() => gw?.close());

  for (const c of FORM_CASES) {
    it(`form: ${c.name}`, async () => {
      const values = { ...defaultValues(RULES_FORM), ...c.values };
      const extras = {
        attachments: [],
        requester: resolveRequester(portal.requester, false),
        requesterValues: { name: '', email: '', phone: '', organization: '' },
      };
      const client = formIssues(RULES_FORM, values, {}, extras);
      const request = buildTicketRequest(RULES_FORM, values, {}, extras);
      const res = await bob.post('/tickets', request);
      if (client.length === 0) {
        assert.equal(res.status, 201, `the browser lets it through, the gateway says ${res.status} ${res.text}`);
      } else {
        assert.equal(res.status, 422, `the browser refuses (${pairs(client)}), the gateway says ${res.status}`);
        assert.deepEqual(pairs(res.body.errors), pairs(client));
        assert.equal(res.body.code, 'validation');
      }
    });
  }

  it('form: a read-only field sent changed is refused by both', async () => {
    const request = buildTicketRequest(
      RULES_FORM,
      { ...defaultValues(RULES_FORM), ...OK },
      {},
      {
        attachments: [],
        requester: [],
        requesterValues: { name: '', email: '', phone: '', organization: '' },
      },
    );
    request.fields = { ...request.fields, locked: 'changed' };
    const res = await bob.post('/tickets', request);
    assert.equal(res.status, 422);
    assert.deepEqual(pairs(res.body.errors), ['fields.locked:read-only']);
  });

  for (const c of UPLOAD_CASES) {
    it(`upload: ${c.name}`, async () => {
      const client = checkUpload(c.file, LIMITS, 0);
      const res = await bob.upload(c.file.name, new Uint8Array(c.file.size).fill(65), c.file.type);
      if (!client) {
        assert.equal(res.status, 201, `the browser lets it through, the gateway says ${res.status} ${res.text}`);
      } else {
        assert.ok(
          res.status >= 400 && res.status < 500,
          `the browser refuses (${client.code}), the gateway says ${res.status}`,
        );
        assert.deepEqual(
          res.body.errors.map((e: FieldIssue) => e.code),
          [client.code],
        );
      }
    });
  }

  it('upload: the count limit is the same on both sides', async () => {
    const ids: string[] = [];
    for (let i = 0; i < LIMITS.maxFiles + 1; i++) {
      const up = await bob.upload(`f${i}.txt`, 'x', 'text/plain');
      assert.equal(up.status, 201);
      ids.push(up.body.id);
    }
    assert.equal(
      checkUpload({ name: 'f.txt', type: 'text/plain', size: 1 }, LIMITS, LIMITS.maxFiles)?.code,
      'too-many-files',
    );
    const res = await bob.post('/tickets', {
      formId: 'rules',
      subject: 'Files',
      body: { format: 'text', content: 'x' },
      fields: { agree: true },
      attachments: ids,
    });
    assert.equal(res.status, 422);
    assert.deepEqual(pairs(res.body.errors), ['attachments:too-many-files']);
  });

  for (const email of EMAILS) {
    it(`e-mail: ${JSON.stringify(email)}`, async () => {
      const res = await new PortalClient(gw.api).post('/password-reset', { email });
      assert.equal(
        res.status === 202 || res.status === 200,
        isEmailAddress(email),
        `gateway ${res.status} ${res.text}`,
      );
    });
  }

  it('chat: "leave a message" becomes a ticket through the portal’s chat form', async () => {
    assert.equal(portal.chat.offlineFormId, CHAT_MESSAGE_FORM_ID);
    const res = await bob.post('/tickets', {
      formId: portal.chat.offlineFormId,
      subject: 'Chat message: my printer',
      body: { format: 'text', content: 'My printer jams again.' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.service, 'Chat');
    const forms = await bob.get('/forms');
    assert.ok(
      !forms.body.items.some((f: { id: string }) => f.id === CHAT_MESSAGE_FORM_ID),
      'the chat form is not offered as a new-ticket form',
    );
  });
});
