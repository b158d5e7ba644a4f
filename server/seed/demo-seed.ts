import { writeFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { FieldValue, TicketStatus } from '../../src/protocol/index.js';
import { AdminService } from '../admin/admin-service.js';
import { saveArticle } from '../store/articles.js';
import { findCustomerByEmail } from '../store/customers.js';
import { saveForm } from '../store/forms.js';
import { createOrganization } from '../store/organizations.js';
import { markRead } from '../store/ticket-reads.js';
import { newUploadId, recordUpload, uploadPath } from '../store/uploads.js';
import { DEMO_ARTICLES, DEMO_ARTICLES_NL, DEMO_FORMS } from './demo-content.js';
import { DEMO_ACME, DEMO_GLOBEX, DEMO_PASSWORD, DEMO_USERS } from './demo-data.js';
import { makeLog, makePdf, makePng } from './demo-files.js';

export { DEMO_PASSWORD, DEMO_USERS };

type Script = {
  who: string;
  subject: string;
  form?: 'general' | 'access-request';
  product?: string;
  urgency?: string;
  status: TicketStatus;
  daysAgo: number;
  /** Conversation after the first message: c = customer, a = agent, n = internal note. */
  thread: Array<[role: 'c' | 'a' | 'n', text: string, html?: boolean]>;
  file?: 'png' | 'pdf' | 'log';
  unread?: boolean;
};

const A = (text: string): ['a', string] => ['a', text];
const C = (text: string): ['c', string] => ['c', text];
const N = (text: string): ['n', string] => ['n', text];
const H = (html: string): ['a', string, true] => ['a', html, true];

const SCRIPTS: Script[] = [
  {
    who: 'carol',
    subject: 'Invoice for March shows 40 seats instead of 25',
    product: 'billing',
    status: 'open',
    daysAgo: 2,
    file: 'pdf',
    unread: true,
    thread: [
      A('Thanks Carol, we are checking the seat count with finance.'),
      N('Seats were raised by the auto-scaler on 3 March — check the audit log.'),
      H('<p>We found it: the auto-scaler added <strong>15 seats</strong> on 3 March.</p><p>A credit note follows.</p>'),
    ],
  },
  {
    who: 'carol',
    subject: 'Add two colleagues to the portal',
    product: 'portal',
    status: 'solved',
    daysAgo: 12,
    thread: [A('Done — both received an invitation e-mail.'), C('Great, thank you!')],
  },
  {
    who: 'carol',
    subject: 'API returns 429 during the nightly sync',
    product: 'api',
    urgency: 'high',
    status: 'pending',
    daysAgo: 4,
    file: 'log',
    thread: [
      H(
        '<p>Your sync sends about <code>900 requests/min</code>. The limit is 600.</p><ul><li>Spread the batches</li><li>Honour <em>Retry-After</em></li></ul><p>Could you try that tonight?</p>',
      ),
    ],
  },
  {
    who: 'carol',
    subject: 'Export of all tickets for the audit',
    product: 'portal',
    status: 'closed',
    daysAgo: 40,
    thread: [A('The export is attached to your account; it expires in 7 days.'), C('Received, thanks.')],
  },
  {
    who: 'carol',
    subject: 'Mobile app crashes on the ticket screen',
    product: 'mobile-app',
    status: 'new',
    daysAgo: 0,
    file: 'png',
    thread: [],
  },
  {
    who: 'carol',
    subject: 'VPN access for the new controller',
    form: 'access-request',
    status: 'open',
    daysAgo: 6,
    thread: [A('Waiting for approval from your manager.'), N('Manager approval mail sent to paul@acme.example.')],
  },
  {
    who: 'carol',
    subject: 'Change the billing address',
    product: 'billing',
    status: 'solved',
    daysAgo: 20,
    thread: [A('Updated from next month on.')],
  },
  {
    who: 'carol',
    subject: 'Single sign-on for the portal?',
    product: 'portal',
    urgency: 'low',
    status: 'pending',
    daysAgo: 9,
    thread: [A('SSO is possible with a JWT from your intranet. Which identity provider do you use?')],
  },
  {
    who: 'carol',
    subject: 'Dashboard chart is empty',
    product: 'portal',
    status: 'open',
    daysAgo: 1,
    thread: [C('It happens in Firefox only.'), A('Reproduced — a fix is scheduled for Thursday.')],
    unread: true,
  },
  {
    who: 'carol',
    subject: 'Question about the SLA',
    product: 'portal',
    status: 'closed',
    daysAgo: 60,
    thread: [A('Priority 1 is answered within one hour, day and night.')],
  },
  {
    who: 'dave',
    subject: 'Cannot sign in to the mobile app',
    product: 'mobile-app',
    status: 'open',
    daysAgo: 3,
    file: 'png',
    unread: true,
    thread: [
      A('Which version of the app do you have?'),
      C('Version 4.2.1 on Android 14.'),
      H(
        '<p>Please update to <strong>4.2.3</strong>; it fixes the sign-in loop.</p><p><a href="https://example.com/app">Download page</a></p>',
      ),
    ],
  },
  {
    who: 'dave',
    subject: 'Password reset mail does not arrive',
    product: 'portal',
    status: 'solved',
    daysAgo: 15,
    thread: [A('It was in quarantine; we allowed our domain.'), C('Got it now.')],
  },
  {
    who: 'dave',
    subject: 'Wrong VAT number on invoice 2025-0142',
    product: 'billing',
    status: 'pending',
    daysAgo: 5,
    file: 'pdf',
    thread: [A('Could you send us the correct VAT number?')],
  },
  {
    who: 'dave',
    subject: 'Wiki access for the onboarding',
    form: 'access-request',
    status: 'new',
    daysAgo: 0,
    thread: [],
  },
  {
    who: 'dave',
    subject: 'Notifications stopped on iPhone',
    product: 'mobile-app',
    urgency: 'low',
    status: 'closed',
    daysAgo: 33,
    thread: [A('Battery saving blocked them; see the article on notifications.')],
  },
  {
    who: 'dave',
    subject: 'Report shows times in UTC',
    product: 'portal',
    status: 'open',
    daysAgo: 7,
    thread: [N('Known issue PORT-311.'), A('We are working on showing local times.')],
  },
  {
    who: 'dave',
    subject: 'API key stopped working',
    product: 'api',
    urgency: 'high',
    status: 'solved',
    daysAgo: 11,
    thread: [A('The key was rotated 90 days ago; create a new one under Settings → API.')],
  },
  {
    who: 'dave',
    subject: 'Typo in the Dutch translation',
    product: 'portal',
    urgency: 'low',
    status: 'closed',
    daysAgo: 50,
    thread: [A('Fixed in the last release, thanks!')],
  },
  {
    who: 'dave',
    subject: 'Sync log shows timeouts',
    product: 'api',
    status: 'open',
    daysAgo: 2,
    file: 'log',
    thread: [C('Attached the log of last night.')],
  },
  {
    who: 'erin',
    subject: 'Globex: new cost centre on invoices',
    product: 'billing',
    status: 'open',
    daysAgo: 3,
    thread: [A('Which cost centre should we use from April on?')],
    unread: true,
  },
  {
    who: 'erin',
    subject: 'ERP access for the Milan team',
    form: 'access-request',
    status: 'pending',
    daysAgo: 8,
    thread: [A('We need the names of the five people.')],
  },
  {
    who: 'erin',
    subject: 'Portal is slow in the morning',
    product: 'portal',
    status: 'solved',
    daysAgo: 14,
    file: 'png',
    thread: [H('<p>We moved your tenant to a <em>faster</em> cluster.</p>'), C('Much better, thank you.')],
  },
  {
    who: 'erin',
    subject: 'API documentation link is broken',
    product: 'api',
    urgency: 'low',
    status: 'closed',
    daysAgo: 70,
    thread: [A('Fixed.')],
  },
  {
    who: 'erin',
    subject: 'Mobile app in Italian?',
    product: 'mobile-app',
    urgency: 'low',
    status: 'new',
    daysAgo: 1,
    thread: [],
  },
  {
    who: 'erin',
    subject: 'Double charge in February',
    product: 'billing',
    urgency: 'high',
    status: 'open',
    daysAgo: 2,
    file: 'pdf',
    thread: [N('Refund requested in the payment provider.'), A('You will get the refund within five working days.')],
  },
  {
    who: 'erin',
    subject: 'Bulk import of contacts',
    product: 'portal',
    status: 'pending',
    daysAgo: 6,
    thread: [A('Please send the CSV file with one contact per line.')],
  },
  {
    who: 'erin',
    subject: 'Webhook retries',
    product: 'api',
    status: 'solved',
    daysAgo: 25,
    thread: [A('Webhooks are retried five times with back-off.')],
  },
  {
    who: 'frank',
    subject: 'Printer in meeting room 2 offline',
    product: 'portal',
    status: 'open',
    daysAgo: 1,
    thread: [A('A technician comes by this afternoon.')],
  },
  {
    who: 'frank',
    subject: 'Change my e-mail signature',
    product: 'portal',
    urgency: 'low',
    status: 'closed',
    daysAgo: 45,
    thread: [A('Done.')],
  },
  {
    who: 'frank',
    subject: 'CRM access for the summer intern',
    form: 'access-request',
    status: 'new',
    daysAgo: 0,
    thread: [],
  },
];

const AGENT = 'Sam (Support)';

/** Seeds the demo of docs/protocol.md through the same services the admin API uses. Returns false when data exists. */
export async function seedDemo(app: FastifyInstance, opts: { tickets?: boolean } = {}): Promise<boolean> {
  const ctx = app;
  const { db } = ctx;
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
  if (existing[0]!.n > 0) return false;
  const admin = new AdminService(ctx);

  for (const [i, form] of DEMO_FORMS.entries()) await saveForm(db, form, i);
  for (const [i, a] of [...DEMO_ARTICLES, ...DEMO_ARTICLES_NL].entries())
    await saveArticle(db, { ...a, url: a.url.replace('http://127.0.0.1:8787', ctx.publicUrl) }, i);

  const acme = await createOrganization(db, DEMO_ACME);
  const globex = await createOrganization(db, DEMO_GLOBEX);
  for (const u of DEMO_USERS) {
    await admin.createUser({
      ...u,
      password: DEMO_PASSWORD,
      organizationId: u.email.endsWith('globex.example') ? globex.id : acme.id,
    });
  }
  // A contact without portal access yet: the CLI's `enable-access` demo.
  await admin.createUser({ email: 'frank@acme.example', name: 'Frank Visser', organizationId: acme.id });

  if (opts.tickets === false) return true;
  const emailOf = (who: string) => `${who}@${who === 'erin' ? 'globex' : 'acme'}.example`;
  for (const [n, s] of SCRIPTS.entries()) {
    const customer = (await findCustomerByEmail(db, emailOf(s.who)))!;
    const files = s.file ? [await stageDemoFile(app, customer.id, s.file, n)] : [];
    const form = s.form ?? 'general';
    const fields: Record<string, FieldValue> =
      form === 'general'
        ? { product: s.product ?? 'portal', urgency: s.urgency ?? 'normal' }
        : {
            system: /vpn/i.test(s.subject)
              ? 'vpn'
              : /erp/i.test(s.subject)
                ? 'erp'
                : /wiki/i.test(s.subject)
                  ? 'wiki'
                  : 'crm',
            'start-date': '2025-04-01',
            'manager-email': 'manager@' + (s.who === 'erin' ? 'globex' : 'acme') + '.example',
            ...(/vpn|erp/i.test(s.subject) ? { reason: 'Needed for the month-end close.' } : {}),
          };
    // Tickets of contacts without portal access arrive as e-mail would: through the admin service.
    const ticket = await ctx.tickets.create(customer, {
      formId: form,
      subject: s.subject,
      body: { format: 'text', content: `${s.subject}.\n\nCould you have a look? — ${customer.name.split(' ')[0]}` },
      fields,
      attachments: files,
    });
    for (const [role, text, html] of s.thread) {
      const body = { format: html ? ('html' as const) : ('text' as const), content: text };
      if (role === 'c')
        await ctx.tickets.replyAsCustomer(customer, (await ctx.connector.getTicket(ticket.id))!, body, []);
      else await ctx.tickets.replyAsAgent(ticket, AGENT, body, role === 'n');
    }
    if (s.status !== 'new') await ctx.tickets.setStatus((await ctx.connector.getTicket(ticket.id))!, s.status);
    if (ctx.connector.name === 'embedded') await backdate(app, ticket.id, s.daysAgo);
    if (!s.unread) await markRead(db, customer.id, ticket.id);
  }
  // Seeded through the protocol's own paths, so the demo starts with an empty event log.
  await db.query('DELETE FROM events');
  return true;
}

async function stageDemoFile(
  app: FastifyInstance,
  customerId: string,
  kind: 'png' | 'pdf' | 'log',
  n: number,
): Promise<string> {
  const { db, uploadsDir } = app;
  const id = newUploadId();
  const [name, contentType, bytes] =
    kind === 'png'
      ? [`screenshot-${n + 1}.png`, 'image/png', makePng(160, 100, [40 + n * 7, 90, 200 - n * 5])]
      : kind === 'pdf'
        ? [
            `invoice-2025-${String(140 + n).padStart(4, '0')}.pdf`,
            'application/pdf',
            makePdf(['Acme Corp - Invoice', `Number 2025-${140 + n}`, 'Seats: 40 x EUR 12.00', 'Total: EUR 480.00']),
          ]
        : [`sync-${n + 1}.log`, 'text/plain', makeLog(40, n)];
  await writeFile(uploadPath(uploadsDir, id), bytes);
  await recordUpload(db, uploadsDir, customerId, { id, name, contentType, size: bytes.length });
  return id;
}

/** Spreads the demo over past weeks: the ticket, then its messages an hour or more apart. */
async function backdate(app: FastifyInstance, ticketId: string, daysAgo: number): Promise<void> {
  const { db } = app;
  await db.query(
    `WITH m AS (SELECT id, row_number() OVER (ORDER BY seq) AS i FROM ticket_messages WHERE ticket_id = $1)
     UPDATE ticket_messages t SET created_at = date_trunc('minute', now()) - make_interval(days => $2) + (m.i - 1) * interval '3 hours'
     FROM m WHERE t.id = m.id`,
    [ticketId, daysAgo],
  );
  await db.query(
    `UPDATE tickets SET created_at = date_trunc('minute', now()) - make_interval(days => $2),
       updated_at = LEAST(now(), (SELECT max(created_at) FROM ticket_messages WHERE ticket_id = $1 AND NOT internal) + interval '10 minutes')
     WHERE id = $1`,
    [ticketId, daysAgo],
  );
}
