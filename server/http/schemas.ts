/**
 * JSON schemas (TypeBox) of what the protocol accepts: bodies, query strings
 * and path parameters. Routes take their request types from these
 * (`Static<typeof …>` through the TypeBox type provider). Unknown body fields
 * are refused (not stripped) and types are not coerced, so a client learns
 * exactly which field is wrong. Query strings stay text; their values are
 * checked by pattern and enum here and read as numbers only after that.
 */
import { Type, type Static, type TSchema } from 'typebox';
import {
  ACCESS_EVENTS,
  EMAIL_MAX_LENGTH,
  MESSAGE_SORTS,
  STATUS_FILTERS,
  TICKET_SORTS,
  TICKET_STATUSES,
  type FieldValue,
} from '../../src/protocol/index.js';
import { MAIL_KINDS, type MailTemplateOverrides } from '../mail/templates.js';

const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

export const line = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength, pattern: NO_CONTROL });

/** A value or null as one JSON type list (`["string", "null"]`), so a wrong value is one issue. */
function nullable<S extends TSchema & { type: string }>(schema: S) {
  return Type.Unsafe<Static<S> | null>({ ...schema, type: [schema.type, 'null'] });
}
const orNull = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);

const strict = <P extends Parameters<typeof Type.Object>[0]>(properties: P) =>
  Type.Object(properties, { additionalProperties: false });

/** The protocol's e-mail rule, registered with ajv as the `email` format (server/app.ts). */
export const email = Type.String({ minLength: 3, maxLength: EMAIL_MAX_LENGTH, format: 'email' });
export const password = Type.String({ minLength: 1, maxLength: 256 });
const token = Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });
const mode = Type.Enum(['cookie', 'bearer']);
/** The page a mailed link should open (an allowed origin's, else the portal page). */
const returnTo = Type.String({ maxLength: 2000 });
const locale = nullable(Type.String({ maxLength: 20, pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }));
export const uploadIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 });
const format = Type.Enum(['text', 'html', 'markdown']);

export const messageBody = strict({ format, content: Type.String({ minLength: 1, maxLength: 100_000 }) });

const fieldValue = Type.Union([
  Type.String({ maxLength: 20_000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
  Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }),
]);
/** Form field values by field id (an object of any keys, so one schema for every form). */
const fieldValues = Type.Unsafe<Record<string, FieldValue>>({
  type: 'object',
  maxProperties: 100,
  additionalProperties: fieldValue,
});
const chatText = Type.String({ minLength: 1, maxLength: 5000 });

export const schemas = {
  signIn: strict({
    email,
    password: Type.Optional(password),
    magicLink: Type.Optional(Type.Boolean()),
    magicToken: Type.Optional(token),
    mode: Type.Optional(mode),
    returnTo: Type.Optional(returnTo),
  }),
  sso: strict({ jwt: Type.String({ minLength: 10, maxLength: 8192 }), mode: Type.Optional(mode) }),
  register: strict({
    email,
    name: line(200, 1),
    password,
    consent: Type.Boolean(),
    mode: Type.Optional(mode),
    locale: Type.Optional(locale),
    returnTo: Type.Optional(returnTo),
  }),
  resetRequest: strict({ email, returnTo: Type.Optional(returnTo) }),
  resetConfirm: strict({ token, password }),
  verifyEmail: strict({ token, mode: Type.Optional(mode) }),
  profile: strict({
    name: Type.Optional(line(200, 1)),
    phone: Type.Optional(nullable(Type.String({ maxLength: 50, pattern: NO_CONTROL }))),
    locale: Type.Optional(locale),
    /** E-mail me when an agent answers or solves one of my tickets. */
    mailNotifications: Type.Optional(Type.Boolean()),
  }),
  changePassword: strict({ current: password, next: password }),
  reply: strict({ body: messageBody, attachments: Type.Optional(uploadIds) }),
  newTicket: strict({
    formId: line(100, 1),
    // Empty subject and body are the form rules' to refuse (422 on the field), not the shape's.
    subject: Type.String({ maxLength: 300 }),
    body: strict({ format, content: Type.String({ maxLength: 100_000 }) }),
    fields: Type.Optional(fieldValues),
    attachments: Type.Optional(uploadIds),
    requester: Type.Optional(
      strict({
        name: Type.Optional(line(200)),
        email: Type.Optional(email),
        phone: Type.Optional(line(50)),
        organization: Type.Optional(line(200)),
      }),
    ),
  }),
  chatStart: strict({ text: chatText }),
  // The score's range and the comment's length are the rating rule's to refuse (422 on the field).
  rating: strict({ score: Type.Number(), comment: Type.Optional(nullable(Type.String({ maxLength: 10_000 }))) }),
  chatMessage: strict({ text: chatText, attachments: Type.Optional(uploadIds) }),
} as const;

// ---------------------------------------------------------------- path and query

/** An id in the path; implausible ids answer 404 like unknown ones (routes check isPlausibleId). */
export const idParams = Type.Object({ id: Type.String() });

/** Empty means the default, as `?status=` from a form. */
const choice = <T extends string>(values: readonly T[]) => Type.Optional(Type.Enum([...values, ''] as T[]));
const cursor = Type.Optional(Type.String({ maxLength: 500 }));
const instant = Type.Optional(
  Type.String({ pattern: '^(|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))$' }),
);
const limit = (max: 100 | 1000) =>
  Type.Optional(Type.String({ pattern: max === 100 ? '^(|[1-9]\\d?|100)$' : '^(|[1-9]\\d{0,2}|1000)$' }));
const scope = choice(['mine', 'organization'] as const);

/** Cursor pages: `?cursor=&limit=` (1–100, default 25). */
export const pageQuery = Type.Object({ cursor, limit: limit(100) });
/** A conversation page: `?cursor=&limit=&sort=created|-created`. */
export const messagesQuery = Type.Object({ cursor, limit: limit(100), sort: choice(MESSAGE_SORTS) });
export const ticketQuery = Type.Object({
  scope,
  status: choice(STATUS_FILTERS),
  sort: choice(TICKET_SORTS),
  q: Type.Optional(Type.String({ maxLength: 200, pattern: NO_CONTROL })),
  cursor,
  limit: limit(100),
});
export const scopeQuery = Type.Object({ scope });
export const searchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200, pattern: NO_CONTROL })) });
/** Browsers cannot send headers on EventSource and links: the token and the resume point may come in the query. */
export const eventsQuery = Type.Object({
  lastEventId: Type.Optional(Type.String({ pattern: '^\\d{0,15}$' })),
  access_token: Type.Optional(Type.String({ maxLength: 200 })),
});
export const tokenQuery = Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 200 })) });

/** A limit from the query, checked by its pattern above. */
export const limitOf = (raw: string | undefined, fallback: number) => (raw ? Number(raw) : fallback);

// ---------------------------------------------------------------- admin

const role = Type.Enum(['user', 'company']);
const orgFields = {
  name: line(200, 1),
  domains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 50 }),
  routingAssignee: orNull(line(200)),
  address: orNull(line(500)),
  phone: orNull(line(50)),
  accountManager: orNull(strict({ name: line(200, 1), email: Type.Optional(orNull(email)) })),
};
const optional = <P extends Record<string, TSchema>>(p: P) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof P]: ReturnType<typeof Type.Optional<P[K]>>;
  };

// ---------------------------------------------------------------- settings

const LOCALE_TAG = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
/** http(s) or a path on this site: what src/core/urls.ts will show. */
const link = nullable(Type.String({ maxLength: 2000, pattern: '^(https?://[^\\s<>"]+|/[^\\s<>"]*)$' }));
const flag = Type.Optional(Type.Boolean());
const fieldMode = Type.Optional(Type.Enum(['hidden', 'visible', 'editable', 'required']));
const integer = (minimum: number, maximum: number) => Type.Optional(Type.Integer({ minimum, maximum }));

/** A string per locale (`{en: 'Product', nl: 'Product'}`), `en` or another locale at least. */
const localizedText = Type.Unsafe<Record<string, string>>({
  type: 'object',
  minProperties: 1,
  maxProperties: 50,
  propertyNames: { pattern: LOCALE_TAG },
  additionalProperties: { type: 'string', maxLength: 2000, pattern: NO_CONTROL },
});
/**
 * The portal settings an admin may change, every one the gateway and the
 * elements read, each typed: a wrong value is a 400 naming it, and nothing is
 * stored. Parts are optional (a change is merged into the stored settings).
 * `capabilities` is not among them: the gateway derives it.
 */
export const portalSettingsPatch = strict({
  name: Type.Optional(line(200, 1)),
  logoUrl: Type.Optional(link),
  /** Design tokens by name (`color-primary` → `--portico-color-primary`), plain values without CSS syntax. */
  branding: Type.Optional(
    Type.Unsafe<Record<string, string>>({
      type: 'object',
      maxProperties: 40,
      propertyNames: { pattern: '^[a-z][a-z0-9-]{0,40}$' },
      additionalProperties: { type: 'string', maxLength: 200, pattern: '^[^;{}<>\\\\]*$' },
    }),
  ),
  locales: Type.Optional(
    Type.Array(Type.String({ pattern: LOCALE_TAG, maxLength: 20 }), { minItems: 1, maxItems: 50, uniqueItems: true }),
  ),
  defaultLocale: Type.Optional(Type.String({ pattern: LOCALE_TAG, maxLength: 20 })),
  loginMethods: Type.Optional(
    Type.Array(Type.Enum(['password', 'magic-link', 'sso']), { minItems: 1, maxItems: 3, uniqueItems: true }),
  ),
  registration: Type.Optional(
    strict({
      enabled: flag,
      /** One text for every language, or a text per locale; null asks for no consent. */
      consentText: Type.Optional(
        // One JSON type list (each keyword applies to its own type), so a wrong value is one issue.
        Type.Unsafe<string | Record<string, string> | null>({
          ...localizedText,
          type: ['string', 'object', 'null'],
          maxLength: 2000,
        }),
      ),
    }),
  ),
  statusLabelMode: Type.Optional(Type.Enum(['simple', 'full'])),
  showAgentNames: flag,
  companyUsersCanReplyToColleagues: flag,
  organizationVisibility: flag,
  allowClose: flag,
  allowReopen: flag,
  anonymousTickets: flag,
  requester: Type.Optional(strict({ name: fieldMode, email: fieldMode, phone: fieldMode, organization: fieldMode })),
  profile: Type.Optional(
    strict({ editable: flag, canChangePassword: flag, showOrganizationDetails: flag, showAccountManager: flag }),
  ),
  chat: Type.Optional(
    strict({
      enabled: flag,
      provider: Type.Optional(Type.Enum(['builtin', 'chatwoot', 'snapengage', 'none'])),
      providerId: Type.Optional(nullable(Type.String({ maxLength: 200, pattern: NO_CONTROL }))),
      providerBaseUrl: Type.Optional(link),
      providerSetsCookies: flag,
      offlineFormId: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 100, pattern: NO_CONTROL }))),
    }),
  ),
  analytics: Type.Optional(
    strict({
      ga4MeasurementId: Type.Optional(nullable(Type.String({ pattern: '^G-[A-Z0-9]{4,20}$' }))),
      privacyPolicyUrl: Type.Optional(link),
      consentVersion: Type.Optional(line(50, 1)),
      showLogoInBanner: flag,
    }),
  ),
  uploads: Type.Optional(
    strict({
      maxBytes: integer(1, 100 * 1024 * 1024),
      maxFiles: integer(1, 20),
      allowedTypes: Type.Optional(
        Type.Array(Type.String({ pattern: '^(\\.[a-z0-9]{1,10}|[a-z]+/[a-z0-9.+-]+)$' }), { maxItems: 100 }),
      ),
    }),
  ),
});

/** Settings the gateway acts on and never publishes (server/store/settings.ts ServerSettings). */
export const serverSettingsPatch = strict({
  sessionIdleMinutes: integer(1, 43_200),
  sessionMaxHours: integer(1, 8760),
  autoCreateOrganizations: flag,
  chatOrganizationIds: Type.Optional(
    nullable(Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: NO_CONTROL }), { maxItems: 1000 })),
  ),
  chatOnline: flag,
  mailNotifications: flag,
  /** kind → locale → subject and/or text, with {placeholders} (server/mail/templates.ts). */
  mailTemplates: Type.Optional(
    Type.Unsafe<MailTemplateOverrides>({
      type: 'object',
      propertyNames: { enum: [...MAIL_KINDS] },
      additionalProperties: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { pattern: LOCALE_TAG },
        additionalProperties: strict({
          subject: Type.Optional(line(300, 1)),
          text: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
        }),
      },
    }),
  ),
});

// ---------------------------------------------------------------- forms

const fieldId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' });
const formField = strict({
  id: fieldId,
  type: Type.Enum(['text', 'textarea', 'select', 'checkbox', 'date', 'email', 'number', 'file']),
  label: localizedText,
  help: Type.Optional(localizedText),
  required: flag,
  visible: flag,
  editable: flag,
  options: Type.Optional(
    Type.Array(strict({ value: Type.String({ minLength: 1, maxLength: 200 }), label: localizedText }), {
      maxItems: 200,
    }),
  ),
  default: Type.Optional(fieldValue),
  condition: Type.Optional(
    strict({ field: fieldId, equals: Type.Union([fieldValue, Type.Array(fieldValue, { maxItems: 50 })]) }),
  ),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
/** A whole form, replaced (PUT): every field of a supported type, nothing unknown. */
const formPut = strict({
  id: line(100, 1),
  name: localizedText,
  description: Type.Optional(localizedText),
  service: Type.Optional(nullable(Type.String({ maxLength: 200, pattern: NO_CONTROL }))),
  listed: flag,
  /** Organisation ids the form is offered to; absent, null or empty: everyone. */
  organizations: Type.Optional(
    nullable(Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: NO_CONTROL }), { maxItems: 1000 })),
  ),
  fields: Type.Array(formField, { maxItems: 100 }),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
});

const adminRole = Type.Enum(['owner', 'agent']);

/** A customer import's file, at most 1 MB of text (the route's body limit leaves room for JSON's escapes). */
export const CUSTOMER_IMPORT_MAX_CHARS = 1_000_000;

export const adminSchemas = {
  // The id is given (or derived) once: upstream helpdesks store it on tickets.
  newOrganization: strict({
    ...optional(orgFields),
    name: orgFields.name,
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' })),
  }),
  organizationPatch: strict(optional(orgFields)),
  customersQuery: Type.Object({
    email: Type.Optional(Type.String({ maxLength: 254, pattern: NO_CONTROL })),
    organizationId: Type.Optional(Type.String({ maxLength: 100, pattern: NO_CONTROL })),
    q: Type.Optional(Type.String({ maxLength: 200, pattern: NO_CONTROL })),
    cursor,
    limit: limit(1000),
  }),
  /** Edit a customer, or move them to another organisation (null: none). */
  customerPatch: strict({
    name: Type.Optional(line(200, 1)),
    phone: Type.Optional(orNull(line(50))),
    role: Type.Optional(role),
    organizationId: Type.Optional(orNull(line(100, 1))),
  }),
  newCustomer: strict({
    email,
    name: Type.Optional(line(200, 1)),
    role: Type.Optional(role),
    organizationId: Type.Optional(orNull(line(100, 1))),
    password: Type.Optional(Type.String({ maxLength: 256 })),
    invite: Type.Optional(Type.Boolean()),
  }),
  portalAccess: Type.Optional(strict({ role: Type.Optional(role) })),
  /** A CSV file's text (server/admin/customer-import.ts); a dry run changes nothing. */
  customerImport: strict({
    csv: Type.String({ minLength: 1, maxLength: CUSTOMER_IMPORT_MAX_CHARS }),
    dryRun: Type.Optional(Type.Boolean()),
    createOrganizations: Type.Optional(Type.Boolean()),
    invite: Type.Optional(Type.Boolean()),
  }),
  newTicket: strict({
    requesterEmail: email,
    requesterName: Type.Optional(line(200, 1)),
    formId: line(100, 1),
    subject: line(300, 1),
    body: messageBody,
    fields: Type.Optional(Type.Unsafe<Record<string, FieldValue>>({ type: 'object', maxProperties: 100 })),
  }),
  agentMessage: strict({ authorName: line(200, 1), body: messageBody, internal: Type.Optional(Type.Boolean()) }),
  status: strict({ status: Type.Enum([...TICKET_STATUSES]) }),
  form: formPut,
  article: strict({
    title: line(300, 1),
    excerpt: Type.String({ maxLength: 2000 }),
    body: Type.Optional(Type.String({ maxLength: 100_000 })),
    url: line(2000, 1),
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' })),
    position: Type.Optional(Type.Integer()),
  }),
  accessLogQuery: Type.Object({
    email: Type.Optional(Type.String({ maxLength: 254, pattern: NO_CONTROL })),
    event: choice(ACCESS_EVENTS),
    ip: Type.Optional(Type.String({ maxLength: 45, pattern: '^[0-9A-Fa-f.:]*$' })),
    /** Instants with their offset: `2026-12-01T00:00:00+01:00` (the console sends the owner's local midnight). */
    since: instant,
    until: instant,
    before: Type.Optional(Type.String({ pattern: '^(|[1-9]\\d{0,15})$' })),
    limit: limit(1000),
  }),
  settings: strict({ portal: Type.Optional(portalSettingsPatch), server: Type.Optional(serverSettingsPatch) }),
  chatMessage: strict({ authorName: line(200, 1), text: chatText }),
  ticketsQuery: Type.Object({
    status: choice(STATUS_FILTERS),
    sort: choice(TICKET_SORTS),
    q: Type.Optional(Type.String({ maxLength: 200, pattern: NO_CONTROL })),
    cursor,
    limit: limit(100),
  }),
  conversationsQuery: Type.Object({ status: choice(['open', 'ended'] as const), limit: limit(100) }),
  auditQuery: Type.Object({
    actor: Type.Optional(Type.String({ maxLength: 320, pattern: NO_CONTROL })),
    limit: limit(1000),
  }),
  signIn: strict({ email, password }),
  newAccount: strict({
    email,
    name: Type.Optional(line(200, 1)),
    role: adminRole,
    /** Without one the gateway chooses a password and answers it once. */
    password: Type.Optional(Type.String({ maxLength: 256 })),
  }),
} as const;
