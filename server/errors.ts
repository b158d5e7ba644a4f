/**
 * Domain errors: what the store, the connectors and the services throw when a
 * request cannot be carried out. They know nothing of HTTP; the gateway's one
 * error handler (server/http/problem.ts) turns each into problem+json. Every
 * error carries one of the shared problem codes (src/protocol/problems.ts),
 * which the browser turns into text in the user's language.
 */
import { fieldIssue, type FieldCode, type FieldIssue, type ProblemCode } from '../src/protocol/index.js';

export type DomainErrorKind =
  | 'bad-input'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'unsupported-type'
  | 'rate-limited'
  | 'unavailable';

type Params = Record<string, string | number>;

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly code: ProblemCode,
    readonly errors?: FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request's shape is wrong (a forged cursor, a malformed address): 400. */
export class BadInput extends DomainError {
  readonly kind = 'bad-input';

  constructor(message: string, errors: FieldIssue[] = [], code: ProblemCode = 'bad-request') {
    super(message, code, errors);
  }

  static field(field: string, code: FieldCode, params?: Params): BadInput {
    const issue = fieldIssue(field, code, params);
    return new BadInput(`${field} ${issue.message}.`, [issue]);
  }
}

/** The request breaks a rule of the resource (a form, a password, a limit): 422. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';

  constructor(errors: FieldIssue[], message = 'Some fields are not valid.', code: ProblemCode = 'validation') {
    super(message, code, errors);
  }

  static field(field: string, code: FieldCode, params?: Params): Invalid {
    const issue = fieldIssue(field, code, params);
    return new Invalid([issue], `${field} ${issue.message}.`);
  }
}

export class Unauthorized extends DomainError {
  readonly kind = 'unauthorized';

  constructor(message = 'Sign in first.', code: ProblemCode = 'unauthorized') {
    super(message, code);
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden';

  constructor(message = 'You may not do this.', code: ProblemCode = 'forbidden') {
    super(message, code);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not-found';

  constructor(message = 'Not found.') {
    super(message, 'not-found');
  }
}

export class Conflict extends DomainError {
  readonly kind = 'conflict';

  constructor(
    message: string,
    code: ProblemCode = 'conflict',
    /** Seconds after which trying again may work. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message, code);
  }
}

export class TooLarge extends DomainError {
  readonly kind = 'too-large';

  constructor(message: string, errors?: FieldIssue[]) {
    super(message, 'too-large', errors);
  }
}

export class UnsupportedType extends DomainError {
  readonly kind = 'unsupported-type';

  constructor(message: string, errors?: FieldIssue[]) {
    super(message, 'unsupported-type', errors);
  }
}

export class RateLimited extends DomainError {
  readonly kind = 'rate-limited';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code: ProblemCode = 'rate-limited',
  ) {
    super(message, code);
  }
}

export class Unavailable extends DomainError {
  readonly kind = 'unavailable';

  constructor(message: string, code: ProblemCode = 'unavailable', options?: { cause?: unknown }) {
    super(message, code, undefined, options);
  }
}

/**
 * The helpdesk behind a connector failed or refused. `upstreamStatus` is its
 * HTTP status (or 502 for an answer that makes no sense): a refusal (4xx,
 * other than refused credentials) is a conflict the user is told about, and
 * everything else means the helpdesk is not usable right now. The message is
 * for the log; `detail` is what the caller may read.
 */
export class ConnectorError extends DomainError {
  readonly kind: 'conflict' | 'unavailable';
  readonly detail: string;

  constructor(
    readonly upstreamStatus: number,
    message: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    const refused = upstreamStatus >= 400 && upstreamStatus < 500 && upstreamStatus !== 401 && upstreamStatus !== 407;
    super(message, refused ? 'helpdesk-refused' : 'helpdesk-unavailable', undefined, options);
    this.kind = refused ? 'conflict' : 'unavailable';
    this.detail =
      options?.detail ?? (refused ? 'The helpdesk refused this request.' : 'The helpdesk does not answer right now.');
  }
}
