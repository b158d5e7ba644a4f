/**
 * Problem details (RFC 9457) and the codes they carry. The gateway answers
 * every error with a `type` URI (the kind of failure), a short `code` (what
 * exactly happened) and, for validation, one issue per field with its own
 * `code` and `params`. Clients turn codes into text in the user's language;
 * `title`, `detail` and `message` are English, for logs and developers.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem `type` URIs; clients switch on these (or on `code`), never on text. */
export const PROBLEM_TYPES = {
  validation: 'https://portico.dev/problems/validation',
  unauthorized: 'https://portico.dev/problems/unauthorized',
  forbidden: 'https://portico.dev/problems/forbidden',
  notFound: 'https://portico.dev/problems/not-found',
  conflict: 'https://portico.dev/problems/conflict',
  tooLarge: 'https://portico.dev/problems/too-large',
  unsupportedType: 'https://portico.dev/problems/unsupported-media-type',
  rateLimited: 'https://portico.dev/problems/rate-limited',
  csrf: 'https://portico.dev/problems/csrf',
  unavailable: 'https://portico.dev/problems/unavailable',
  internal: 'https://portico.dev/problems/internal',
} as const;
export type ProblemKind = keyof typeof PROBLEM_TYPES;

/**
 * Every top-level code, with the kind (and so the HTTP status) it belongs to.
 * A code names a situation the user can be told about in their language.
 */
export const PROBLEM_CODES = {
  // request shape
  'bad-request': 'validation',
  validation: 'validation',
  'uri-too-long': 'validation',
  'headers-too-large': 'validation',
  'not-found': 'notFound',
  'too-large': 'tooLarge',
  'unsupported-type': 'unsupportedType',
  'method-not-allowed': 'validation',
  // sessions and sign-in
  unauthorized: 'unauthorized',
  'session-expired': 'unauthorized',
  'invalid-credentials': 'unauthorized',
  'sso-failed': 'unauthorized',
  'link-invalid': 'validation',
  'method-disabled': 'forbidden',
  'registration-closed': 'forbidden',
  'email-unverified': 'forbidden',
  csrf: 'csrf',
  'origin-not-allowed': 'forbidden',
  // what this user may do
  forbidden: 'forbidden',
  'scope-forbidden': 'forbidden',
  'reply-forbidden': 'forbidden',
  'close-forbidden': 'forbidden',
  'reopen-forbidden': 'forbidden',
  'rate-forbidden': 'forbidden',
  'profile-locked': 'forbidden',
  'password-locked': 'forbidden',
  'attachments-disabled': 'forbidden',
  'anonymous-disabled': 'unauthorized',
  'chat-unavailable': 'forbidden',
  // state
  conflict: 'conflict',
  'in-progress': 'conflict',
  'key-reused': 'validation',
  'chat-ended': 'conflict',
  'email-taken': 'conflict',
  // load and upstream
  'rate-limited': 'rateLimited',
  'mail-throttled': 'rateLimited',
  unavailable: 'unavailable',
  'helpdesk-unavailable': 'unavailable',
  'helpdesk-refused': 'conflict',
  'nobody-available': 'unavailable',
  internal: 'internal',
  // made by the client when no answer came at all
  network: 'unavailable',
  timeout: 'unavailable',
} as const satisfies Record<string, ProblemKind>;
export type ProblemCode = keyof typeof PROBLEM_CODES;

export const PROBLEM_STATUS: Record<ProblemKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unsupportedType: 415,
  rateLimited: 429,
  internal: 500,
  unavailable: 503,
};

/** Statuses that differ from their kind's usual one (a gateway may still answer a code with another status). */
const STATUS_OVERRIDES: Partial<Record<ProblemCode, number>> = {
  validation: 422,
  'key-reused': 422,
  'uri-too-long': 414,
  'headers-too-large': 431,
  'method-not-allowed': 405,
};

export function problemStatus(code: ProblemCode): number {
  return STATUS_OVERRIDES[code] ?? PROBLEM_STATUS[PROBLEM_CODES[code]];
}

export function problemType(code: ProblemCode): string {
  return PROBLEM_TYPES[PROBLEM_CODES[code]];
}

/** The code for a status whose answer carried no problem (a proxy's error page, say). */
export function problemCodeForStatus(status: number): ProblemCode {
  const byStatus: Record<number, ProblemCode> = {
    400: 'bad-request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not-found',
    405: 'method-not-allowed',
    409: 'conflict',
    413: 'too-large',
    414: 'uri-too-long',
    415: 'unsupported-type',
    422: 'validation',
    429: 'rate-limited',
    431: 'headers-too-large',
  };
  return byStatus[status] ?? (status >= 500 ? 'unavailable' : 'bad-request');
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROBLEM_CODES, value);
}

// ---------------------------------------------------------------- field issues

/** What is wrong with one field; `params` fill the message (`{max: 500}`). */
export const FIELD_CODES = [
  'required',
  'unknown',
  'read-only',
  'type',
  'email',
  'number',
  'min',
  'max',
  'max-length',
  'min-length',
  'date',
  'one-of',
  'control-characters',
  'invalid-text',
  'duplicate',
  'not-found',
  'invalid',
  'file-too-large',
  'file-type',
  'too-many-files',
  'file-empty',
  'file-name',
  'password-too-short',
  'password-wrong',
  'consent-required',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export type IssueParams = Record<string, string | number>;

export interface FieldIssue {
  /** Path of the field in the request: `subject`, `body`, `fields.product`, `requester.email`. */
  field: string;
  code: FieldCode;
  params?: IssueParams;
  /** English, for logs and developers; never shown to a customer. */
  message: string;
}

/** RFC 9457 problem details as the gateway sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
}

const FIELD_MESSAGES_EN: Record<FieldCode, (p: IssueParams) => string> = {
  required: () => 'is required',
  unknown: () => 'unknown field',
  'read-only': () => 'cannot be changed',
  type: (p) => `must be ${p.expected ?? 'of another type'}`,
  email: () => 'must be an e-mail address',
  number: () => 'must be a number',
  min: (p) => `must be at least ${p.min}`,
  max: (p) => `must be at most ${p.max}`,
  'max-length': (p) => `must be at most ${p.max} characters`,
  'min-length': (p) => `must be at least ${p.min} characters`,
  date: () => 'must be a date (YYYY-MM-DD)',
  'one-of': () => 'must be one of the options',
  'control-characters': () => 'contains control characters',
  'invalid-text': () => 'is not valid text',
  duplicate: () => 'appears more than once',
  'not-found': (p) => (p.id ? `no such item: ${p.id}` : 'no such item'),
  invalid: () => 'is not valid',
  'file-too-large': (p) => `files may be at most ${p.max} bytes`,
  'file-type': (p) => `files of type ${p.type || 'unknown'} (${p.extension || 'no extension'}) are not accepted`,
  'too-many-files': (p) => `at most ${p.max} files`,
  'file-empty': () => 'is empty',
  'file-name': (p) => `name ${p.reason ?? 'is not valid'}`,
  'password-too-short': (p) => `must be at least ${p.min} characters`,
  'password-wrong': () => 'is not your current password',
  'consent-required': () => 'must be accepted',
};

/** A field issue with its English message filled in. */
export function fieldIssue(field: string, code: FieldCode, params?: IssueParams): FieldIssue {
  return { field, code, ...(params ? { params } : {}), message: FIELD_MESSAGES_EN[code](params ?? {}) };
}
