import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  fieldIssue,
  PROBLEM_CONTENT_TYPE,
  problemStatus,
  problemType,
  type FieldCode,
  type FieldIssue,
  type Problem,
  type ProblemCode,
} from '../../src/protocol/index.js';

import { ConnectorError, DomainError, type DomainErrorKind } from '../errors.js';

export { fieldIssue, type FieldIssue };

/** Thrown anywhere in a handler; the error handler turns it into application/problem+json. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;

  constructor(
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldIssue[],
    readonly headers?: Record<string, string>,
    status?: number,
  ) {
    super(detail ?? title);
    this.status = status ?? problemStatus(code);
    this.type = problemType(code);
  }

  toJSON(instance?: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

/** One field issue as a 400 (the request's shape) or 422 (the form's rules). */
const issue = (field: string, code: FieldCode, params?: Record<string, string | number>) => [
  fieldIssue(field, code, params),
];

export const problem = {
  badRequest: (detail: string, errors?: FieldIssue[], code: ProblemCode = 'bad-request') =>
    new HttpProblem(code, 'Bad request', detail, errors ?? [], undefined, 400),
  /** A single field of the request's shape is wrong. */
  badField: (field: string, code: FieldCode, params?: Record<string, string | number>) =>
    new HttpProblem(
      'bad-request',
      'Bad request',
      `${field} ${fieldIssue(field, code, params).message}.`,
      issue(field, code, params),
    ),
  invalid: (errors: FieldIssue[], detail = 'Some fields are not valid.', code: ProblemCode = 'validation') =>
    new HttpProblem(code, 'Validation failed', detail, errors, undefined, 422),
  /** A single field breaks a rule of the resource (422). */
  invalidField: (field: string, code: FieldCode, params?: Record<string, string | number>) =>
    new HttpProblem(
      'validation',
      'Validation failed',
      `${field} ${fieldIssue(field, code, params).message}.`,
      issue(field, code, params),
    ),
  unauthorized: (detail = 'Sign in first.', code: ProblemCode = 'unauthorized') =>
    new HttpProblem(code, 'Unauthorized', detail, undefined, undefined, 401),
  forbidden: (detail = 'You may not do this.', code: ProblemCode = 'forbidden') =>
    new HttpProblem(code, 'Forbidden', detail, undefined, undefined, 403),
  csrf: () => new HttpProblem('csrf', 'CSRF token missing or wrong', 'Send the X-CSRF-Token from your session.'),
  notFound: (detail = 'Not found.') => new HttpProblem('not-found', 'Not found', detail),
  conflict: (detail: string, code: ProblemCode = 'conflict', headers?: Record<string, string>) =>
    new HttpProblem(code, 'Conflict', detail, undefined, headers),
  tooLarge: (detail: string, errors?: FieldIssue[]) => new HttpProblem('too-large', 'Too large', detail, errors),
  unsupportedType: (detail: string, errors?: FieldIssue[]) =>
    new HttpProblem('unsupported-type', 'Unsupported media type', detail, errors),
  rateLimited: (detail: string, retryAfterSeconds: number) =>
    new HttpProblem('rate-limited', 'Too many requests', detail, undefined, {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
  unavailable: (detail: string, code: ProblemCode = 'unavailable') => new HttpProblem(code, 'Unavailable', detail),
};

export function sendProblem(reply: FastifyReply, p: HttpProblem, instance?: string): FastifyReply {
  if (p.headers) reply.headers(p.headers);
  return reply
    .code(p.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(p.toJSON(instance)));
}

interface AjvError {
  instancePath?: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Field path of an ajv error: `/fields/product` → `fields.product`, plus the missing/extra property. */
function fieldOf(e: AjvError): string {
  const base = (e.instancePath ?? '').split('/').filter(Boolean).join('.');
  const extra = (e.params?.missingProperty ?? e.params?.additionalProperty) as string | undefined;
  if (extra) return base ? `${base}.${extra}` : extra;
  return base || '(body)';
}

/** The field code of an ajv error, with the limit it names. */
function issueOf(e: AjvError): FieldIssue {
  const field = fieldOf(e);
  const limit = e.params?.limit as number | undefined;
  switch (e.keyword) {
    case 'additionalProperties':
      return fieldIssue(field, 'unknown');
    case 'required':
      return fieldIssue(field, 'required');
    case 'maxLength':
      return fieldIssue(field, 'max-length', { max: limit ?? 0 });
    case 'minLength':
      return limit === 1 ? fieldIssue(field, 'required') : fieldIssue(field, 'min-length', { min: limit ?? 0 });
    case 'maximum':
    case 'maxItems':
    case 'maxProperties':
      return fieldIssue(field, 'max', { max: limit ?? 0 });
    case 'minimum':
    case 'minItems':
      return fieldIssue(field, 'min', { min: limit ?? 0 });
    case 'type':
      return fieldIssue(field, 'type', { expected: String(e.params?.type ?? 'another type') });
    case 'enum':
      return fieldIssue(field, 'one-of');
    case 'format':
      return fieldIssue(field, e.params?.format === 'email' ? 'email' : 'invalid');
    default:
      return { ...fieldIssue(field, 'invalid'), message: e.message ?? 'is not valid' };
  }
}

/** Title and, where the kind fixes it, the status of each domain error kind (else the code's status). */
const KINDS: Record<DomainErrorKind, { title: string; status?: number }> = {
  'bad-input': { title: 'Bad request', status: 400 },
  invalid: { title: 'Validation failed', status: 422 },
  unauthorized: { title: 'Unauthorized', status: 401 },
  forbidden: { title: 'Forbidden', status: 403 },
  'not-found': { title: 'Not found' },
  conflict: { title: 'Conflict' },
  'too-large': { title: 'Too large' },
  'unsupported-type': { title: 'Unsupported media type' },
  'rate-limited': { title: 'Too many requests' },
  unavailable: { title: 'Unavailable' },
};

/** A domain error (store, connector, service) as the problem the client reads. */
function fromDomainError(err: DomainError): HttpProblem {
  const { title, status } = KINDS[err.kind];
  const retryAfter = 'retryAfterSeconds' in err ? (err.retryAfterSeconds as number | undefined) : undefined;
  const headers = retryAfter === undefined ? undefined : { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) };
  const detail = err instanceof ConnectorError ? err.detail : err.message;
  const errors = err.kind === 'bad-input' ? (err.errors ?? []) : err.errors;
  return new HttpProblem(err.code, title, detail, errors, headers, status);
}

/**
 * The one mapping from anything thrown to a problem: HTTP problems as they are,
 * domain errors by kind, framework errors (validation, JSON syntax, body size,
 * rate limit) by their code, anything else as 500.
 */
export function toProblem(err: FastifyError & { validation?: AjvError[] }): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof DomainError) return fromDomainError(err);
  if (err.validation) {
    const errors = err.validation.map(issueOf);
    return problem.badRequest(
      `Invalid ${err.validationContext ?? 'request'}: ${errors.map((e) => e.field).join(', ')}`,
      errors,
    );
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem.badRequest('The body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return problem.tooLarge('The request is larger than this gateway accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problem.unsupportedType('This content type is not accepted here.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpProblem(
        'uri-too-long',
        'URI too long',
        'A part of the address is longer than any this gateway knows.',
      );
  }
  // A value no check caught that the database refuses (a data exception: bad text, date, number,
  // or too large to index) is the request's fault, never the gateway's.
  if (typeof err.code === 'string' && (/^22[0-9A-Z]{3}$/.test(err.code) || err.code === '54000'))
    return problem.badRequest('The request holds a value this gateway cannot store.');
  if (err instanceof SyntaxError || err.statusCode === 400) return problem.badRequest(err.message);
  if (err.statusCode === 429) return problem.rateLimited('Slow down and try again shortly.', 60);
  if (err.statusCode === 413) return problem.tooLarge(err.message);
  if (err.statusCode === 415) return problem.unsupportedType(err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return problem.badRequest(err.message);
  }
  return new HttpProblem('internal', 'Internal error', 'Something went wrong on our side.');
}

export function installProblemHandlers(app: {
  setErrorHandler: (h: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => unknown) => unknown;
  setNotFoundHandler: (h: (req: FastifyRequest, reply: FastifyReply) => unknown) => unknown;
}): void {
  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    else if (err instanceof ConnectorError) req.log.warn({ err }, 'the helpdesk refused a request');
    return sendProblem(reply, p, req.url.split('?')[0]);
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problem.notFound(`No resource at ${req.method} ${req.url.split('?')[0]}.`)),
  );
}

/**
 * Requests Node refuses before Fastify sees them (headers over the size
 * limit, broken HTTP, a request that took too long): answered as problems
 * too, on the raw socket (Fastify's clientErrorHandler).
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const p =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpProblem(
          'headers-too-large',
          'Request header fields too large',
          'The request line and headers are too large.',
        )
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new HttpProblem('bad-request', 'Request timeout', 'The request took too long to arrive.', [], undefined, 408)
        : problem.badRequest('The request is not valid HTTP.');
  const body = JSON.stringify(p.toJSON());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? 'Error'}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
