/**
 * Demo data for component tests, mirroring the gateway seed in docs/protocol.md:
 * Acme Corp (carol: company user, dave: plain user) and Globex (erin: company
 * user), a dozen tickets over every status, the `general` and `access-request`
 * forms, a few articles and the portal settings. Handlers clone this on reset,
 * so tests may mutate `mockState` freely.
 */
import type {
  ArticleDetail,
  Attachment,
  ChatMessage,
  FieldValue,
  FormSchema,
  Message,
  MessageBody,
  Organization,
  StoredPortalSettings,
  TicketStatus,
  User,
} from '../../src/protocol/index.js';
import { DEMO_ACME, DEMO_GLOBEX, DEMO_PASSWORD, DEMO_USERS } from '../../server/seed/demo-data.js';
import type { OrganizationInput } from '../../server/store/organizations.js';
import { BUILTIN_FORMS } from '../../server/store/builtin-forms.js';
import { DEFAULT_PORTAL, deepMerge, type PortalConfigPatch } from '../../server/store/settings.js';

export const MOCK_ORIGIN = 'http://localhost';
export const MOCK_PATH = '/portico-mock/v1';
export { DEMO_PASSWORD };

// ---------------------------------------------------------------- organisations

/** The seed's organisations (server/seed/demo-data.ts) as GET /me shows them. */
const SEED_ORGANIZATIONS: OrganizationInput[] = [DEMO_ACME, DEMO_GLOBEX];
export const ORGANIZATIONS: Organization[] = SEED_ORGANIZATIONS.map((o) => ({
  id: o.id!,
  name: o.name,
  domains: [...(o.domains ?? [])],
  address: o.address ?? null,
  phone: o.phone ?? null,
  accountManager: o.accountManager ? { ...o.accountManager } : null,
}));

const acme = { id: 'org-acme', name: 'Acme Corp' };
const globex = { id: 'org-globex', name: 'Globex' };

// ---------------------------------------------------------------- users

export type MockUserKey = 'carol' | 'dave' | 'erin';

export interface MockUser extends User {
  password: string;
  /** A contact an agent made has no portal access until it is enabled (TVox); default true. */
  portalAccess?: boolean;
}

/** A person of the seed (server/seed/demo-data.ts): e-mail, name and role. */
function seedPerson(email: string): Pick<User, 'email' | 'name' | 'role'> {
  const { name, role } = DEMO_USERS.find((u) => u.email === email)!;
  return { email, name, role };
}

export const USERS: Record<MockUserKey, MockUser> = {
  carol: {
    id: 'u-carol',
    ...seedPerson('carol@acme.example'),
    phone: '+31 6 1234 5678',
    organization: acme,
    locale: 'en',
    password: DEMO_PASSWORD,
  },
  dave: {
    id: 'u-dave',
    ...seedPerson('dave@acme.example'),
    phone: null,
    organization: acme,
    locale: 'nl',
    password: DEMO_PASSWORD,
  },
  erin: {
    id: 'u-erin',
    ...seedPerson('erin@globex.example'),
    phone: '+1 555 0142',
    organization: globex,
    locale: 'en',
    password: DEMO_PASSWORD,
  },
};

export const AGENTS = {
  alex: { name: 'Alex Jansen' },
  priya: { name: 'Priya Raman' },
  tom: { name: 'Tom Hendriks' },
};

// ---------------------------------------------------------------- portal

/** The gateway's defaults (server/store/settings.ts) with the demo portal's own choices on top. */
export const PORTAL: StoredPortalSettings = deepMerge(
  DEFAULT_PORTAL,
  {
    name: 'Acme Support',
    logoUrl: `${MOCK_ORIGIN}/portico-mock/logo.svg`,
    branding: {
      'color-primary': '#0b57d0',
      'color-on-primary': '#ffffff',
    },
    locales: ['en', 'nl'],
    loginMethods: ['password', 'magic-link', 'sso'],
    registration: {
      consentText: {
        en: 'I agree that Acme Support stores my name and e-mail address to handle my requests.',
        nl: 'Ik ga ermee akkoord dat Acme Support mijn naam en e-mailadres bewaart om mijn vragen af te handelen.',
      },
    },
    analytics: {
      privacyPolicyUrl: 'https://www.example.com/privacy',
      consentVersion: '2025-01',
      showLogoInBanner: true,
    },
    uploads: {
      maxBytes: 5 * 1024 * 1024,
      allowedTypes: [
        'image/png',
        'image/jpeg',
        'application/pdf',
        'text/plain',
        'text/csv',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        '.png',
        '.jpg',
        '.jpeg',
        '.pdf',
        '.txt',
        '.log',
        '.csv',
        '.docx',
        '.xlsx',
      ],
    },
  } satisfies PortalConfigPatch['portal'],
  'portal',
);

// ---------------------------------------------------------------- attachments

export const ATTACHMENTS: Record<string, Attachment> = {
  'att-vpn-log': { id: 'att-vpn-log', name: 'vpn-client.log', size: 48213, contentType: 'text/plain' },
  'att-vpn-screenshot': { id: 'att-vpn-screenshot', name: 'disconnect.png', size: 183502, contentType: 'image/png' },
  'att-vpn-guide': {
    id: 'att-vpn-guide',
    name: 'VPN reinstall guide.pdf',
    size: 1048576,
    contentType: 'application/pdf',
  },
  'att-invoice': { id: 'att-invoice', name: 'INV-2025-0412.pdf', size: 96110, contentType: 'application/pdf' },
  'att-printer': { id: 'att-printer', name: 'blank-page.jpg', size: 734003, contentType: 'image/jpeg' },
  'att-export': { id: 'att-export', name: 'report-export-error.csv', size: 2210, contentType: 'text/csv' },
};

// ---------------------------------------------------------------- tickets

export interface TicketSeed {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  requester: MockUserKey;
  service: string | null;
  assignee: { name: string } | null;
  fields: Record<string, FieldValue>;
  unread: boolean;
  /** The form it was raised with (the gateway records it for tickets made through the protocol). */
  formId?: string;
}

export const TICKETS: TicketSeed[] = [
  {
    id: 't-1001',
    number: '1001',
    subject: 'VPN drops every 10 minutes since the last update',
    status: 'open',
    createdAt: '2025-05-12T08:14:00Z',
    updatedAt: '2025-05-14T15:02:00Z',
    requester: 'carol',
    service: 'Network',
    assignee: AGENTS.alex,
    fields: { product: 'vpn', urgency: 'high' },
    unread: true,
    formId: 'general',
  },
  {
    id: 't-1002',
    number: '1002',
    subject: 'New laptop for onboarding Jan Pieters',
    status: 'pending',
    createdAt: '2025-05-09T10:30:00Z',
    updatedAt: '2025-05-13T09:45:00Z',
    requester: 'carol',
    service: 'Hardware',
    assignee: AGENTS.priya,
    fields: { product: 'laptop', urgency: 'normal' },
    unread: false,
  },
  {
    id: 't-1003',
    number: '1003',
    subject: 'Invoice PDF shows the wrong VAT number',
    status: 'solved',
    createdAt: '2025-04-28T13:05:00Z',
    updatedAt: '2025-05-02T11:20:00Z',
    requester: 'carol',
    service: 'Billing',
    assignee: AGENTS.tom,
    fields: { product: 'other', urgency: 'low' },
    unread: false,
  },
  {
    id: 't-1004',
    number: '1004',
    subject: 'Access to the finance share for the Q3 audit',
    status: 'closed',
    createdAt: '2025-03-17T07:55:00Z',
    updatedAt: '2025-03-21T16:40:00Z',
    requester: 'carol',
    service: 'Access',
    assignee: AGENTS.alex,
    fields: { system: 'finance', accessLevel: 'write' },
    unread: false,
  },
  {
    id: 't-1005',
    number: '1005',
    subject: 'Printer on the 3rd floor prints blank pages',
    status: 'new',
    createdAt: '2025-05-14T07:48:00Z',
    updatedAt: '2025-05-14T07:48:00Z',
    requester: 'dave',
    service: 'Printing',
    assignee: null,
    fields: { product: 'printer', urgency: 'normal' },
    unread: false,
  },
  {
    id: 't-1006',
    number: '1006',
    subject: 'Outlook keeps asking for my password',
    status: 'open',
    createdAt: '2025-05-10T12:12:00Z',
    updatedAt: '2025-05-13T14:30:00Z',
    requester: 'dave',
    service: 'Email',
    assignee: AGENTS.priya,
    fields: { product: 'email', urgency: 'high' },
    unread: true,
  },
  {
    id: 't-1007',
    number: '1007',
    subject: 'Request: second monitor for my desk',
    status: 'pending',
    createdAt: '2025-05-06T09:00:00Z',
    updatedAt: '2025-05-08T10:15:00Z',
    requester: 'dave',
    service: 'Hardware',
    assignee: AGENTS.tom,
    fields: { product: 'laptop', urgency: 'low' },
    unread: false,
  },
  {
    id: 't-1008',
    number: '1008',
    subject: 'Cannot open the shared team calendar',
    status: 'solved',
    createdAt: '2025-04-22T15:33:00Z',
    updatedAt: '2025-04-24T08:02:00Z',
    requester: 'dave',
    service: 'Email',
    assignee: AGENTS.priya,
    fields: { product: 'email', urgency: 'normal' },
    unread: false,
  },
  {
    id: 't-1009',
    number: '1009',
    subject: 'Certificate warning on the guest Wi-Fi portal',
    status: 'new',
    createdAt: '2025-05-14T11:20:00Z',
    updatedAt: '2025-05-14T11:20:00Z',
    requester: 'carol',
    service: 'Network',
    assignee: null,
    fields: { product: 'vpn', urgency: 'normal' },
    unread: false,
  },
  {
    id: 't-1010',
    number: '1010',
    subject: 'SSO sign-in fails with error AADSTS50105',
    status: 'open',
    createdAt: '2025-05-11T06:40:00Z',
    updatedAt: '2025-05-13T17:25:00Z',
    requester: 'erin',
    service: 'Access',
    assignee: AGENTS.alex,
    fields: { system: 'crm', accessLevel: 'read' },
    unread: true,
  },
  {
    id: 't-1011',
    number: '1011',
    subject: 'Export of the monthly report times out',
    status: 'pending',
    createdAt: '2025-05-02T14:10:00Z',
    updatedAt: '2025-05-07T09:30:00Z',
    requester: 'erin',
    service: 'Software',
    assignee: AGENTS.tom,
    fields: { product: 'other', urgency: 'normal' },
    unread: false,
  },
  {
    id: 't-1012',
    number: '1012',
    subject: 'Change the billing contact for Globex',
    status: 'closed',
    createdAt: '2025-02-03T10:00:00Z',
    updatedAt: '2025-02-05T13:45:00Z',
    requester: 'erin',
    service: 'Billing',
    assignee: AGENTS.tom,
    fields: { product: 'other', urgency: 'low' },
    unread: false,
  },
];

// ---------------------------------------------------------------- messages

export interface MessageSeed extends Message {
  /** Agent-only note: the gateway never sends these; the handlers must not either. */
  internal?: boolean;
}

const html = (content: string): MessageBody => ({ format: 'html', content });
const text = (content: string): MessageBody => ({ format: 'text', content });
const customer = (key: MockUserKey) => ({ name: USERS[key].name, role: 'customer' as const });
const agent = (a: { name: string }) => ({ name: a.name, role: 'agent' as const });

export const MESSAGES: MessageSeed[] = [
  // t-1001: VPN
  {
    id: 'm-1001-1',
    ticketId: 't-1001',
    author: customer('carol'),
    createdAt: '2025-05-12T08:14:00Z',
    body: html(
      '<p>Since the client update on Monday the VPN disconnects roughly every <strong>10 minutes</strong>.</p>' +
        '<ul><li>Windows 11, client version 5.2.1</li><li>Happens at home and in the office</li>' +
        '<li>Reconnecting works, but open RDP sessions are lost</li></ul>' +
        '<p>Log file attached.</p>',
    ),
    attachments: [ATTACHMENTS['att-vpn-log'], ATTACHMENTS['att-vpn-screenshot']],
  },
  {
    id: 'm-1001-2',
    ticketId: 't-1001',
    author: agent(AGENTS.alex),
    createdAt: '2025-05-12T10:02:00Z',
    body: html(
      '<p>Hi Carol, thanks for the log. Could you try these steps?</p>' +
        '<table><thead><tr><th>Step</th><th>What to do</th></tr></thead><tbody>' +
        '<tr><td>1</td><td>Uninstall client 5.2.1</td></tr>' +
        '<tr><td>2</td><td>Install 5.2.3 from the <a href="https://downloads.example.com/vpn">download page</a></td></tr>' +
        '<tr><td>3</td><td>Reboot and connect again</td></tr></tbody></table>' +
        '<p>The full guide is attached.</p>',
    ),
    attachments: [ATTACHMENTS['att-vpn-guide']],
  },
  {
    id: 'm-1001-n',
    ticketId: 't-1001',
    author: agent(AGENTS.alex),
    createdAt: '2025-05-12T10:05:00Z',
    body: text('INTERNAL: known issue with 5.2.1 keepalive, see problem PRB-88.'),
    attachments: [],
    internal: true,
  },
  {
    id: 'm-1001-3',
    ticketId: 't-1001',
    author: customer('carol'),
    createdAt: '2025-05-14T15:02:00Z',
    body: text('Reinstalled 5.2.3 but it still drops, now about every 20 minutes.'),
    attachments: [],
  },
  // t-1002: laptop
  {
    id: 'm-1002-1',
    ticketId: 't-1002',
    author: customer('carol'),
    createdAt: '2025-05-09T10:30:00Z',
    body: html(
      '<p>Jan Pieters starts on <em>2 June</em>. Please prepare:</p>' +
        '<table><tr><th>Item</th><th>Spec</th></tr>' +
        '<tr><td>Laptop</td><td>14", 16 GB RAM</td></tr>' +
        '<tr><td>Dock</td><td>USB-C</td></tr>' +
        '<tr><td>Headset</td><td>Wireless</td></tr></table>',
    ),
    attachments: [],
  },
  {
    id: 'm-1002-2',
    ticketId: 't-1002',
    author: agent(AGENTS.priya),
    createdAt: '2025-05-13T09:45:00Z',
    body: html('<p>Happy to. Which <strong>cost centre</strong> should we book this on?</p>'),
    attachments: [],
  },
  // t-1003: invoice
  {
    id: 'm-1003-1',
    ticketId: 't-1003',
    author: customer('carol'),
    createdAt: '2025-04-28T13:05:00Z',
    body: text('Our April invoice lists VAT number NL000000000B01, ours is NL123456789B01.'),
    attachments: [ATTACHMENTS['att-invoice']],
  },
  {
    id: 'm-1003-2',
    ticketId: 't-1003',
    author: agent(AGENTS.tom),
    createdAt: '2025-05-02T11:20:00Z',
    body: html(
      '<p>Corrected. The new invoice is in your <a href="https://billing.example.com/invoices">billing overview</a>.</p>' +
        '<blockquote>Our April invoice lists VAT number NL000000000B01</blockquote>',
    ),
    attachments: [],
  },
  // t-1004: finance share
  {
    id: 'm-1004-1',
    ticketId: 't-1004',
    author: customer('carol'),
    createdAt: '2025-03-17T07:55:00Z',
    body: text('Please give me write access to \\\\fs01\\finance until the audit ends.'),
    attachments: [],
  },
  {
    id: 'm-1004-2',
    ticketId: 't-1004',
    author: agent(AGENTS.alex),
    createdAt: '2025-03-21T16:40:00Z',
    body: html('<p>Access granted until <time datetime="2025-09-30">30 September</time>.</p>'),
    attachments: [],
  },
  // t-1005: printer
  {
    id: 'm-1005-1',
    ticketId: 't-1005',
    author: customer('dave'),
    createdAt: '2025-05-14T07:48:00Z',
    body: html(
      '<p>The HP on the 3rd floor prints blank pages. Photo attached.</p><ol><li>Toner replaced</li><li>Restarted</li></ol>',
    ),
    attachments: [ATTACHMENTS['att-printer']],
  },
  // t-1006: outlook
  {
    id: 'm-1006-1',
    ticketId: 't-1006',
    author: customer('dave'),
    createdAt: '2025-05-10T12:12:00Z',
    body: text('Outlook asks for my password every few minutes, even after typing it.'),
    attachments: [],
  },
  {
    id: 'm-1006-2',
    ticketId: 't-1006',
    author: agent(AGENTS.priya),
    createdAt: '2025-05-13T14:30:00Z',
    body: html(
      '<p>Please remove the saved credentials:</p><ol><li>Open <code>Credential Manager</code></li>' +
        '<li>Remove every entry starting with <code>MicrosoftOffice</code></li><li>Restart Outlook</li></ol>' +
        '<pre><code>rundll32.exe keymgr.dll,KRShowKeyMgr</code></pre>',
    ),
    attachments: [],
  },
  // t-1007: monitor
  {
    id: 'm-1007-1',
    ticketId: 't-1007',
    author: customer('dave'),
    createdAt: '2025-05-06T09:00:00Z',
    body: text('Could I get a second 24" monitor?'),
    attachments: [],
  },
  {
    id: 'm-1007-2',
    ticketId: 't-1007',
    author: agent(AGENTS.tom),
    createdAt: '2025-05-08T10:15:00Z',
    body: text('Waiting for approval from your manager.'),
    attachments: [],
  },
  // t-1008: calendar
  {
    id: 'm-1008-1',
    ticketId: 't-1008',
    author: customer('dave'),
    createdAt: '2025-04-22T15:33:00Z',
    body: text('The "Team Sales" calendar says I have no permission.'),
    attachments: [],
  },
  {
    id: 'm-1008-2',
    ticketId: 't-1008',
    author: agent(AGENTS.priya),
    createdAt: '2025-04-24T08:02:00Z',
    body: html('<p>You now have <em>reviewer</em> rights on the calendar.</p>'),
    attachments: [],
  },
  // t-1009: guest wifi
  {
    id: 'm-1009-1',
    ticketId: 't-1009',
    author: customer('carol'),
    createdAt: '2025-05-14T11:20:00Z',
    body: html(
      '<p>Visitors get a certificate warning on <a href="https://guest.acme.example">guest.acme.example</a>.</p>',
    ),
    attachments: [],
  },
  // t-1010: SSO
  {
    id: 'm-1010-1',
    ticketId: 't-1010',
    author: customer('erin'),
    createdAt: '2025-05-11T06:40:00Z',
    body: text('Signing in to the CRM fails with AADSTS50105 since this morning.'),
    attachments: [],
  },
  {
    id: 'm-1010-2',
    ticketId: 't-1010',
    author: agent(AGENTS.alex),
    createdAt: '2025-05-13T17:25:00Z',
    body: html(
      '<p>Your account was not assigned to the CRM app. Fixed; please check:</p>' +
        '<ul><li>Sign out everywhere</li><li>Sign in at <a href="https://crm.globex.example">crm.globex.example</a></li></ul>',
    ),
    attachments: [],
  },
  // t-1011: export
  {
    id: 'm-1011-1',
    ticketId: 't-1011',
    author: customer('erin'),
    createdAt: '2025-05-02T14:10:00Z',
    body: text('Exporting the April report runs for 5 minutes and then fails.'),
    attachments: [ATTACHMENTS['att-export']],
  },
  {
    id: 'm-1011-2',
    ticketId: 't-1011',
    author: agent(AGENTS.tom),
    createdAt: '2025-05-07T09:30:00Z',
    body: markdown('Could you tell us **how many rows** the report has?'),
    attachments: [],
  },
  // t-1012: billing contact
  {
    id: 'm-1012-1',
    ticketId: 't-1012',
    author: customer('erin'),
    createdAt: '2025-02-03T10:00:00Z',
    body: text('Please send invoices to finance@globex.example from now on.'),
    attachments: [],
  },
  {
    id: 'm-1012-2',
    ticketId: 't-1012',
    author: agent(AGENTS.tom),
    createdAt: '2025-02-05T13:45:00Z',
    body: text('Done, the billing contact is updated.'),
    attachments: [],
  },
];

function markdown(content: string): MessageBody {
  return { format: 'markdown', content };
}

// ---------------------------------------------------------------- forms

export const FORMS: FormSchema[] = [
  {
    id: 'general',
    name: { en: 'General question', nl: 'Algemene vraag' },
    description: { en: 'Ask anything or report a problem.', nl: 'Stel een vraag of meld een probleem.' },
    service: 'General',
    fields: [
      {
        id: 'subject',
        type: 'text',
        label: { en: 'Subject', nl: 'Onderwerp' },
        required: true,
        maxLength: 200,
      },
      {
        id: 'description',
        type: 'textarea',
        label: { en: 'Description', nl: 'Omschrijving' },
        help: { en: 'What happened, and what did you expect?', nl: 'Wat gebeurde er, en wat verwachtte u?' },
        required: true,
        maxLength: 10000,
      },
      {
        id: 'product',
        type: 'select',
        label: { en: 'Product', nl: 'Product' },
        required: true,
        options: [
          { value: 'laptop', label: { en: 'Laptop', nl: 'Laptop' } },
          { value: 'printer', label: { en: 'Printer', nl: 'Printer' } },
          { value: 'email', label: { en: 'E-mail', nl: 'E-mail' } },
          { value: 'vpn', label: { en: 'VPN', nl: 'VPN' } },
          { value: 'other', label: { en: 'Something else', nl: 'Iets anders' } },
        ],
      },
      {
        id: 'urgency',
        type: 'select',
        label: { en: 'Urgency', nl: 'Urgentie' },
        default: 'normal',
        options: [
          { value: 'low', label: { en: 'Low', nl: 'Laag' } },
          { value: 'normal', label: { en: 'Normal', nl: 'Normaal' } },
          { value: 'high', label: { en: 'High — I cannot work', nl: 'Hoog — ik kan niet werken' } },
        ],
      },
      {
        id: 'affectedUsers',
        type: 'number',
        label: { en: 'Number of people affected', nl: 'Aantal getroffen personen' },
        min: 1,
        max: 10000,
        default: 1,
      },
      {
        id: 'contactEmail',
        type: 'email',
        label: { en: 'Other contact e-mail', nl: 'Ander contact-e-mailadres' },
      },
      {
        id: 'since',
        type: 'date',
        label: { en: 'Since when?', nl: 'Sinds wanneer?' },
      },
      {
        id: 'notify',
        type: 'checkbox',
        label: { en: 'E-mail me about every update', nl: 'Mail mij bij elke update' },
        default: true,
      },
      {
        id: 'internalRef',
        type: 'text',
        label: { en: 'Internal reference', nl: 'Interne referentie' },
        visible: false,
      },
      {
        id: 'attachment',
        type: 'file',
        label: { en: 'Attachment', nl: 'Bijlage' },
      },
    ],
  },
  {
    id: 'access-request',
    name: { en: 'Access request', nl: 'Toegangsaanvraag' },
    description: { en: 'Request access to a system.', nl: 'Vraag toegang aan tot een systeem.' },
    service: 'Access',
    fields: [
      { id: 'subject', type: 'text', label: { en: 'Subject' }, required: true, default: 'Access request' },
      {
        id: 'system',
        type: 'select',
        label: { en: 'System', nl: 'Systeem' },
        required: true,
        options: [
          { value: 'crm', label: { en: 'CRM', nl: 'CRM' } },
          { value: 'finance', label: { en: 'Finance share', nl: 'Financiële share' } },
          { value: 'hr', label: { en: 'HR portal', nl: 'HR-portaal' } },
        ],
      },
      {
        id: 'accessLevel',
        type: 'select',
        label: { en: 'Access level', nl: 'Toegangsniveau' },
        required: true,
        default: 'read',
        options: [
          { value: 'read', label: { en: 'Read', nl: 'Lezen' } },
          { value: 'write', label: { en: 'Write', nl: 'Schrijven' } },
          { value: 'admin', label: { en: 'Administrator', nl: 'Beheerder' } },
        ],
      },
      {
        id: 'startDate',
        type: 'date',
        label: { en: 'Start date', nl: 'Startdatum' },
        required: true,
      },
      {
        id: 'managerEmail',
        type: 'email',
        label: { en: "Manager's e-mail", nl: 'E-mailadres leidinggevende' },
        required: true,
      },
      {
        id: 'reason',
        type: 'textarea',
        label: { en: 'Why do you need administrator access?', nl: 'Waarom heeft u beheerderstoegang nodig?' },
        required: true,
        condition: { field: 'accessLevel', equals: 'admin' },
        maxLength: 2000,
      },
      {
        id: 'costCentre',
        type: 'text',
        label: { en: 'Cost centre', nl: 'Kostenplaats' },
        editable: false,
        default: 'CC-4100',
      },
    ],
  },
  // Forms every gateway has (chat's "leave a message"), from the gateway itself.
  ...BUILTIN_FORMS,
];

// ---------------------------------------------------------------- articles

export const ARTICLES: ArticleDetail[] = [
  {
    id: 'kb-1',
    title: 'Reinstall the VPN client',
    excerpt: 'Remove the old VPN client, install the latest version and reconnect.',
    url: 'https://kb.example.com/vpn-reinstall',
    body: 'Remove the old VPN client first.\n\n1. Uninstall it\n2. Install the **latest** version\n3. Reconnect',
    locale: 'en',
  },
  {
    id: 'kb-2',
    title: 'Outlook keeps asking for a password',
    excerpt: 'Clear saved credentials in Credential Manager and restart Outlook.',
    url: 'https://kb.example.com/outlook-password',
    body: 'Open *Credential Manager*, remove the saved Outlook entries and restart Outlook.',
    locale: 'en',
  },
  {
    id: 'kb-3',
    title: 'Printer prints blank pages',
    excerpt: 'Check the toner seal, run a cleaning cycle and update the printer driver.',
    url: 'https://kb.example.com/printer-blank',
    body: 'Check the toner seal, then run a cleaning cycle.',
    locale: 'en',
  },
  {
    id: 'kb-4',
    title: 'Request access to a shared drive',
    excerpt: 'Use the access request form; your manager approves the request.',
    url: 'https://kb.example.com/share-access',
    body: 'Pick the **access request** form; your manager approves the request.',
    locale: 'en',
  },
  {
    id: 'kb-5',
    title: 'Connect to the guest Wi-Fi',
    excerpt: 'Visitors connect to "Acme-Guest" and accept the terms on the portal page.',
    url: 'https://kb.example.com/guest-wifi',
    body: 'Connect to "Acme-Guest" and accept the terms.',
    locale: 'en',
  },
  {
    id: 'kb-nl-1',
    title: 'Wachtwoord vergeten?',
    excerpt: 'Vraag op de aanmeldpagina een herstellink aan.',
    url: 'https://kb.example.com/nl/wachtwoord',
    body: 'Kies **Wachtwoord vergeten** en open de link binnen een uur.',
    locale: 'nl',
  },
];

// ---------------------------------------------------------------- chat

export const CHAT_WELCOME: Omit<ChatMessage, 'id' | 'conversationId' | 'createdAt'> = {
  author: { name: 'Priya Raman', role: 'agent' },
  text: 'Hi! An agent will be with you shortly.',
  attachments: [],
};

/** Organisations whose users may chat (TOPdesk: chat limited to chosen organisations). */
export const CHAT_ORGANIZATIONS = ['org-acme'];

/** A large list for virtualization tests: `count` extra tickets requested by `requester`. */
export function makeBulkTickets(count: number, requester: MockUserKey = 'carol'): TicketSeed[] {
  const statuses: TicketStatus[] = ['new', 'open', 'pending', 'solved', 'closed'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start + i * 3600_000).toISOString();
    return {
      id: `t-bulk-${i + 1}`,
      number: String(20000 + i),
      subject: `Bulk ticket ${i + 1}`,
      status: statuses[i % statuses.length],
      createdAt: at,
      updatedAt: at,
      requester,
      service: 'General',
      assignee: null,
      fields: {},
      unread: false,
    };
  });
}
