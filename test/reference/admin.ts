/**
 * The agent side of the reference backend: /admin/v1 as the gateway has it
 * (server/routes/admin.ts), as much as the server suites use to build their
 * world and look behind the protocol — organisations, customers, agent
 * replies and notes, status, forms, articles, the access log, settings, chat.
 */
import { http, HttpResponse } from 'msw';
import {
  TICKET_STATUSES,
  fieldIssue,
  isEmailAddress,
  normalizeEmail,
  type FormSchema,
  type MessageBody,
  type Role,
  type TicketStatus,
} from '../../src/protocol/index.js';
import type { PortalConfigPatch } from '../../server/store/settings.js';
import { MOCK_ORIGIN } from './fixtures.js';
import {
  agentReply,
  createTicket,
  emitMockEvent,
  problem,
  problemAnswer,
  publicUser,
  respond,
  setTicketStatus,
} from './handlers.js';
import {
  applySettings,
  createMockUser,
  findUserByEmail,
  mockState,
  organizationFor,
  portalLink,
  randomId,
  randomToken,
  sendMail,
  userOf,
  withCapabilities,
  type MockOrganization,
  type MockTicket,
} from './state.js';

export const ADMIN_BASE = `${MOCK_ORIGIN}/admin/v1`;

async function json<T>(request: Request): Promise<Partial<T>> {
  try {
    return ((await request.json()) ?? {}) as Partial<T>;
  } catch {
    return {};
  }
}

/** A stored ticket as the admin API shows it: with the requester's address. */
function adminTicket(t: MockTicket) {
  const requester = userOf(t);
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    requester: { id: requester.id, name: requester.name },
    requesterEmail: requester.email,
    organization: requester.organization,
    service: t.service,
    assignee: t.assignee,
    fields: structuredClone(t.fields),
  };
}

const customerView = (u: ReturnType<typeof findUserByEmail> & object) => ({
  ...publicUser(u),
  portalAccess: u.portalAccess !== false,
});

/** The admin API's handlers, behind `Authorization: Bearer <token>`. */
export function adminHandlers(token: string) {
  const url = (path: string) => `${ADMIN_BASE}${path}`;
  const ticketOf = (id: string) => mockState.tickets.find((t) => t.id === id);
  return [
    http.all(`${ADMIN_BASE}/*`, ({ request }) => {
      if (request.headers.get('authorization') !== `Bearer ${token}`) {
        return problem('unauthorized', 'Admin token required.');
      }
      return undefined;
    }),

    http.post(url('/organizations'), async ({ request }) => {
      const req = await json<{ id: string; name: string; domains: string[]; routingAssignee: string | null }>(request);
      if (!req.name?.trim())
        return respond(problemAnswer('validation', 'name is required.', [fieldIssue('name', 'required')]));
      const domains = (req.domains ?? []).map((d) => d.trim().toLowerCase());
      if (domains.some((d) => mockState.organizations.some((o) => o.domains.includes(d)))) {
        return problem('conflict', 'Domain already belongs to another organisation.');
      }
      const org: MockOrganization = {
        id:
          req.id ??
          `org-${req.name
            .trim()
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')}`,
        name: req.name.trim(),
        domains,
        address: null,
        phone: null,
        accountManager: null,
        routingAssignee: req.routingAssignee ?? null,
      };
      if (mockState.organizations.some((o) => o.id === org.id))
        return problem('conflict', `Organisation id ${org.id} is taken.`);
      mockState.organizations.push(org);
      const { routingAssignee: _r, ...body } = org;
      return HttpResponse.json({ ...body, routingAssignee: org.routingAssignee }, { status: 201 });
    }),

    http.get(url('/customers'), ({ request }) => {
      const email = new URL(request.url).searchParams.get('email');
      if (email) {
        const u = findUserByEmail(email);
        return u ? HttpResponse.json({ items: [customerView(u)] }) : problem('not-found', `No customer ${email}.`);
      }
      return HttpResponse.json({ items: mockState.users.map(customerView) });
    }),

    http.post(url('/customers'), async ({ request }) => {
      const req = await json<{
        email: string;
        name: string;
        role: Role;
        organizationId: string | null;
        password: string;
      }>(request);
      const email = normalizeEmail(req.email ?? '');
      if (!isEmailAddress(email))
        return respond(problemAnswer('bad-request', 'email is not valid.', [fieldIssue('email', 'email')], 400));
      if (findUserByEmail(email)) return problem('conflict', 'A customer with this e-mail address exists.');
      let organization: MockOrganization | null | undefined;
      if (req.organizationId) {
        organization = mockState.organizations.find((o) => o.id === req.organizationId);
        if (!organization)
          return respond(
            problemAnswer('validation', 'No such organisation.', [fieldIssue('organizationId', 'not-found')]),
          );
      } else if (req.organizationId === null) organization = null;
      else organization = organizationFor(email, true);
      const user = createMockUser({ email, name: req.name, role: req.role, organization, password: req.password });
      return HttpResponse.json(customerView(user), { status: 201 });
    }),

    http.post(url('/customers/:id/portal-access'), async ({ request, params }) => {
      const user = mockState.users.find((u) => u.id === params.id);
      if (!user) return problem('not-found', 'No such customer.');
      const req = await json<{ role: Role }>(request);
      if (req.role) user.role = req.role;
      user.portalAccess = true;
      const link = randomToken();
      mockState.links.set(link, { kind: 'reset', userId: user.id });
      sendMail(
        user.email,
        `Your access to ${mockState.portal.name}`,
        `Hello ${user.name},\n\nYou can now sign in to ${mockState.portal.name} with your e-mail address.\n` +
          `Choose your password here:\n\n${portalLink('portico_reset', link, user.email)}\n`,
      );
      return HttpResponse.json({ ...customerView(user), portalAccess: true });
    }),

    http.post(url('/tickets'), async ({ request }) => {
      const req = await json<{
        requesterEmail: string;
        requesterName: string;
        formId: string;
        subject: string;
        body: MessageBody;
        fields: Record<string, never>;
      }>(request);
      const requester =
        findUserByEmail(req.requesterEmail ?? '') ??
        createMockUser({ email: req.requesterEmail ?? '', name: req.requesterName, portalAccess: false });
      // Filed as the customer would file it: the same form rules.
      const created = createTicket(req, requester);
      if (created.status !== 201) return respond(created);
      return HttpResponse.json(adminTicket(ticketOf((created.body as { id: string }).id)!), { status: 201 });
    }),

    http.get(url('/tickets/:id'), ({ params }) => {
      const t = ticketOf(String(params.id));
      return t ? HttpResponse.json(adminTicket(t)) : problem('not-found', 'No such ticket.');
    }),

    http.get(url('/tickets/:id/messages'), ({ params }) => {
      const t = ticketOf(String(params.id));
      if (!t) return problem('not-found', 'No such ticket.');
      const items = mockState.messages
        .filter((m) => m.ticketId === t.id && !m.internal)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return HttpResponse.json({ items: structuredClone(items), nextCursor: null });
    }),

    http.post(url('/tickets/:id/messages'), async ({ request, params }) => {
      const t = ticketOf(String(params.id));
      if (!t) return problem('not-found', 'No such ticket.');
      const req = await json<{ authorName: string; body: MessageBody; internal: boolean }>(request);
      const message = agentReply(t, {
        authorName: req.authorName ?? 'Agent',
        body: req.body!,
        internal: !!req.internal,
      });
      const { internal: _i, ...body } = message;
      return HttpResponse.json(body, { status: 201 });
    }),

    http.post(url('/tickets/:id/status'), async ({ request, params }) => {
      const t = ticketOf(String(params.id));
      if (!t) return problem('not-found', 'No such ticket.');
      const { status } = await json<{ status: TicketStatus }>(request);
      if (!status || !(TICKET_STATUSES as readonly string[]).includes(status)) {
        return respond(
          problemAnswer('bad-request', 'status must be one of the options.', [fieldIssue('status', 'one-of')], 400),
        );
      }
      setTicketStatus(t, status);
      return HttpResponse.json(adminTicket(t));
    }),

    http.put(url('/forms/:id'), async ({ request, params }) => {
      const { position: _p, ...form } = (await json<FormSchema & { position: number }>(request)) as FormSchema & {
        position?: number;
      };
      if (form.id !== params.id)
        return respond(problemAnswer('validation', 'id is not valid.', [fieldIssue('id', 'invalid')]));
      const at = mockState.forms.findIndex((f) => f.id === form.id);
      if (at >= 0) mockState.forms[at] = structuredClone(form);
      else mockState.forms.push(structuredClone(form));
      return HttpResponse.json(form);
    }),

    http.put(url('/articles/:id'), async ({ request, params }) => {
      const req = await json<{ title: string; excerpt: string; body: string; url: string; locale: string }>(request);
      const article = {
        id: String(params.id),
        title: req.title!,
        excerpt: req.excerpt ?? '',
        url: req.url!,
        body: req.body ?? '',
        locale: req.locale ?? 'en',
      };
      mockState.articles = [...mockState.articles.filter((a) => a.id !== article.id), article];
      return HttpResponse.json(article);
    }),

    // What customers told the site owner, as the gateway's admin API: ratings (newest first) and article feedback.
    http.get(url('/ratings'), () => {
      const items = [...mockState.ratings]
        .map(([ticketId, rating]) => {
          const ticket = mockState.tickets.find((t) => t.id === ticketId);
          const c = ticket && mockState.users.find((u) => u.id === ticket.requesterId);
          return { ticketId, ...rating, customer: c ? { id: c.id, email: c.email, name: c.name } : null };
        })
        .sort((a, b) => b.ratedAt.localeCompare(a.ratedAt) || a.ticketId.localeCompare(b.ticketId));
      return HttpResponse.json({ items });
    }),

    http.get(url('/articles/feedback'), () => {
      const counts = new Map<string, { articleId: string; title: string; helpful: number; notHelpful: number }>();
      for (const f of mockState.articleFeedback) {
        const article = mockState.articles.find((a) => a.id === f.articleId);
        if (!article) continue;
        const row = counts.get(f.articleId) ?? {
          articleId: f.articleId,
          title: article.title,
          helpful: 0,
          notHelpful: 0,
        };
        if (f.helpful) row.helpful++;
        else row.notHelpful++;
        counts.set(f.articleId, row);
      }
      const items = [...counts.values()].sort(
        (a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.title.localeCompare(b.title),
      );
      return HttpResponse.json({ items });
    }),

    http.get(url('/access-log'), ({ request }) => {
      const email = new URL(request.url).searchParams.get('email');
      const items = mockState.accessLog
        .filter((e) => !email || e.email === normalizeEmail(email))
        .slice()
        .reverse()
        .slice(0, 100);
      return HttpResponse.json({ items });
    }),

    http.get(url('/settings'), () => HttpResponse.json({ portal: mockState.portal })),

    http.patch(url('/settings'), async ({ request }) => {
      applySettings(await json<PortalConfigPatch>(request));
      return HttpResponse.json({ portal: mockState.portal });
    }),

    http.delete(url('/settings'), () => {
      mockState.portal = withCapabilities(structuredClone(mockState.basePortal));
      applySettings({ server: mockState.baseServer });
      return HttpResponse.json({ portal: mockState.portal });
    }),

    http.post(url('/chat/conversations/:id/messages'), async ({ request, params }) => {
      const c = mockState.conversations.find((x) => x.id === params.id);
      if (!c) return problem('not-found', 'No such conversation.');
      const req = await json<{ authorName: string; text: string }>(request);
      const message = {
        id: `cm-${randomId()}`,
        conversationId: c.id,
        author: { name: req.authorName ?? 'Agent', role: 'agent' as const },
        createdAt: new Date().toISOString(),
        text: req.text ?? '',
        attachments: [],
      };
      mockState.chatMessages.push(message);
      c.updatedAt = message.createdAt;
      emitMockEvent({ type: 'chat.message', conversationId: c.id, message }, [c.userId]);
      return HttpResponse.json(message, { status: 201 });
    }),
  ];
}
