/**
 * JSON schemas (TypeBox) of what the protocol answers. Fastify serializes
 * every answer through its route's schema, which writes the declared
 * properties only: a field a record carries inside the gateway (a
 * requester's e-mail, a customer id, a password hash) cannot leave by
 * accident. The types match the wire types in src/protocol/wire.ts.
 */
import { Type, type TSchema } from 'typebox';
import type { PortalSettings, StoredPortalSettings } from '../../src/protocol/index.js';

const S = Type.String();
const nullableString = Type.Union([Type.String(), Type.Null()]);
const orgRef = Type.Object({ id: S, name: S });
const authorRole = Type.Enum(['customer', 'agent']);
const fieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Type.Array(S)]);

export const attachment = Type.Object({ id: S, name: S, size: Type.Number(), contentType: S });

export const user = Type.Object({
  id: S,
  email: S,
  name: S,
  phone: Type.Optional(nullableString),
  role: Type.Enum(['user', 'company']),
  organization: Type.Union([orgRef, Type.Null()]),
  locale: Type.Optional(nullableString),
});

export const organization = Type.Object({
  id: S,
  name: S,
  domains: Type.Array(S),
  address: Type.Optional(nullableString),
  phone: Type.Optional(nullableString),
  accountManager: Type.Optional(
    Type.Union([Type.Object({ name: S, email: Type.Optional(nullableString) }), Type.Null()]),
  ),
});

export const me = Type.Object({
  ...user.properties,
  organizationDetails: Type.Union([organization, Type.Null()]),
  mailNotifications: Type.Boolean(),
});

export const session = Type.Object({
  user,
  token: Type.Optional(S),
  csrfToken: Type.Optional(S),
  expiresAt: S,
});

export const message = Type.Object({
  id: S,
  ticketId: S,
  author: Type.Object({ name: S, role: authorRole }),
  createdAt: S,
  body: Type.Object({ format: Type.Enum(['text', 'html', 'markdown']), content: S }),
  attachments: Type.Array(attachment),
});

export const rating = Type.Object({ score: Type.Number(), comment: nullableString, ratedAt: S });

export const ticket = Type.Object({
  id: S,
  number: S,
  subject: S,
  status: S,
  statusLabel: S,
  rawStatus: S,
  createdAt: S,
  updatedAt: S,
  requester: Type.Object({ id: S, name: S }),
  organization: Type.Union([orgRef, Type.Null()]),
  service: nullableString,
  assignee: Type.Union([Type.Object({ name: S }), Type.Null()]),
  fields: Type.Record(S, fieldValue),
  unread: Type.Boolean(),
  permissions: Type.Optional(
    Type.Object({
      canReply: Type.Boolean(),
      canClose: Type.Boolean(),
      canReopen: Type.Boolean(),
      canRate: Type.Optional(Type.Boolean()),
    }),
  ),
  /** The form the ticket was raised with; single reads only. */
  formId: Type.Optional(nullableString),
  /** The requester's satisfaction rating; single reads only. */
  rating: Type.Optional(Type.Union([rating, Type.Null()])),
  /** Ids of tickets merged into this one (a merged-away id answers with this ticket). */
  mergedIds: Type.Optional(Type.Array(S)),
});

export const page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: nullableString });
export const list = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** Counts per status plus the total. */
export const summary = Type.Record(S, Type.Number());

/** Forms are the portal's own configuration, shown as configured (field definitions of any kind). */
const localized = Type.Record(S, S);
export const formSummary = Type.Object({ id: S, name: localized, description: Type.Optional(localized) });
export const form = Type.Object({
  ...formSummary.properties,
  service: Type.Optional(nullableString),
  listed: Type.Optional(Type.Boolean()),
  fields: Type.Array(Type.Object({}, { additionalProperties: true })),
});

export const article = Type.Object({ id: S, title: S, excerpt: S, url: S, locale: Type.Optional(S) });
export const articleDetail = Type.Object({ ...article.properties, body: S });

/** The portal's public settings: configuration meant for the browser, passed as configured. */
export const portalSettings = Type.Unsafe<PortalSettings>({ type: 'object', additionalProperties: true });
/** The portal settings as stored (texts per language), for the site owner. */
export const storedPortalSettings = Type.Unsafe<StoredPortalSettings>({ type: 'object', additionalProperties: true });

export const chatAvailability = Type.Object({
  available: Type.Boolean(),
  reason: Type.Optional(Type.Union([Type.Enum(['disabled', 'not-eligible', 'offline']), Type.Null()])),
});
export const chatConversation = Type.Object({
  id: S,
  status: Type.Enum(['open', 'ended']),
  createdAt: S,
  updatedAt: S,
});
export const chatMessage = Type.Object({
  id: S,
  conversationId: S,
  author: Type.Object({ name: S, role: authorRole }),
  createdAt: S,
  text: S,
  attachments: Type.Array(attachment),
});

export const sent = Type.Object({ sent: Type.Boolean() });

// ---------------------------------------------------------------- admin API

/** Agents see the requester's address and the organisation's routing rule; still only declared fields. */
export const adminOrganization = Type.Object({
  ...organization.properties,
  routingAssignee: Type.Optional(nullableString),
  autoCreated: Type.Optional(Type.Boolean()),
});
export const adminCustomer = Type.Object({
  ...user.properties,
  portalAccess: Type.Optional(Type.Boolean()),
  outboxFile: Type.Optional(nullableString),
});
const fieldIssue = Type.Object({
  field: S,
  code: S,
  message: S,
  params: Type.Optional(Type.Record(S, Type.Union([S, Type.Number()]))),
});
/** A customer import's plan (server/admin/customer-import.ts ImportResult). */
export const customerImport = Type.Object({
  dryRun: Type.Boolean(),
  separator: S,
  columns: Type.Array(Type.Object({ header: S, column: nullableString })),
  rows: Type.Array(
    Type.Object({
      row: Type.Number(),
      email: S,
      name: S,
      action: Type.Enum(['create', 'update', 'unchanged', 'error']),
      changes: Type.Array(S),
      organization: Type.Union([orgRef, Type.Null()]),
      organizationCreated: Type.Boolean(),
      portalAccess: Type.Boolean(),
      invited: Type.Boolean(),
      errors: Type.Array(fieldIssue),
    }),
  ),
  totals: Type.Object({
    rows: Type.Number(),
    create: Type.Number(),
    update: Type.Number(),
    unchanged: Type.Number(),
    error: Type.Number(),
    invited: Type.Number(),
    organizationsCreated: Type.Array(S),
  }),
});
const optionalBoolean = Type.Optional(Type.Boolean());
export const adminTicket = Type.Object({
  ...ticket.properties,
  statusLabel: Type.Optional(S),
  unread: optionalBoolean,
  requester: Type.Object({ id: S, name: S, email: Type.Optional(S) }),
  requesterEmail: Type.Optional(S),
  requesterEmails: Type.Optional(Type.Array(S)),
});
export const accessLogEntry = Type.Object({
  id: Type.Number(),
  at: S,
  event: S,
  method: S,
  email: nullableString,
  customerId: nullableString,
  ip: nullableString,
  userAgent: nullableString,
  detail: nullableString,
});
export const auditEntry = Type.Object({
  id: Type.Number(),
  at: S,
  actor: S,
  role: S,
  action: S,
  target: nullableString,
  status: Type.Number(),
  ip: nullableString,
});
export const adminAccount = Type.Object({
  id: S,
  email: S,
  name: S,
  role: Type.Enum(['owner', 'agent']),
  createdAt: S,
  /** Only when the gateway chose the password: shown once, stored as a hash. */
  password: Type.Optional(S),
});
export const adminSession = Type.Object({ account: adminAccount, csrfToken: S, expiresAt: S });
export const agentConversation = Type.Object({
  ...chatConversation.properties,
  customer: Type.Union([Type.Object({ email: S, name: S }), Type.Null()]),
  lastMessage: nullableString,
});
/** Every setting as in effect (admin view); the portal part is the published shape. */
export const adminSettings = Type.Object({
  portal: storedPortalSettings,
  server: Type.Object({
    sessionIdleMinutes: Type.Number(),
    sessionMaxHours: Type.Number(),
    autoCreateOrganizations: Type.Boolean(),
    chatOrganizationIds: Type.Union([Type.Array(S), Type.Null()]),
    chatOnline: Type.Boolean(),
    mailNotifications: Type.Boolean(),
    mailTemplates: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
  }),
});
export const savedForm = Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true });
