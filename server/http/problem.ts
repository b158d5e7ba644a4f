import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from '../../src/core/protocol.js';

export type FieldError = { field: string; message: string };

/** Thrown anywhere in a handler; the error handler turns it into application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }

  toJSON(instance?: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problem = {
  badRequest: (detail: string, errors?: FieldError[]) =>
    new HttpProblem(400, PROBLEM_TYPES.validation, 'Bad request', detail, errors ?? []),
  invalid: (errors: FieldError[], detail = 'Some fields are not valid.') =>
    new HttpProblem(422, PROBLEM_TYPES.validation, 'Validation failed', detail, errors),
  unauthorized: (detail = 'Sign in first.') => new HttpProblem(401, PROBLEM_TYPES.unauthorized, 'Unauthorized', detail),
  forbidden: (detail = 'You may not do this.') => new HttpProblem(403, PROBLEM_TYPES.forbidden, 'Forbidden', detail),
  csrf: () =>
    new HttpProblem(403, PROBLEM_TYPES.csrf, 'CSRF token missing or wrong', 'Send the X-CSRF-Token from your session.'),
  notFound: (detail = 'Not found.') => new HttpProblem(404, PROBLEM_TYPES.notFound, 'Not found', detail),
  conflict: (detail: string, status = 409) => new HttpProblem(status, PROBLEM_TYPES.conflict, 'Conflict', detail),
  tooLarge: (detail: string) => new HttpProblem(413, PROBLEM_TYPES.tooLarge, 'Too large', detail),
  unsupportedType: (detail: string) =>
    new HttpProblem(415, PROBLEM_TYPES.unsupportedType, 'Unsupported media type', detail),
  rateLimited: (detail: string, retryAfterSeconds: number) =>
    new HttpProblem(429, PROBLEM_TYPES.rateLimited, 'Too many requests', detail, undefined, {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
  unavailable: (detail: string) => new HttpProblem(503, PROBLEM_TYPES.unavailable, 'Unavailable', detail),
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

function messageOf(e: AjvError): string {
  if (e.keyword === 'additionalProperties') return 'unknown field';
  if (e.keyword === 'required') return 'is required';
  return e.message ?? 'is not valid';
}

/** Maps framework errors (validation, JSON syntax, body size, rate limit) to problems. */
export function toProblem(err: FastifyError & { validation?: AjvError[] }): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err.validation) {
    const errors = err.validation.map((e) => ({ field: fieldOf(e), message: messageOf(e) }));
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
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return problem.badRequest(err.message);
  if (err.statusCode === 429) return problem.rateLimited('Slow down and try again shortly.', 60);
  if (err.statusCode === 413) return problem.tooLarge(err.message);
  if (err.statusCode === 415) return problem.unsupportedType(err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new HttpProblem(err.statusCode, PROBLEM_TYPES.validation, 'Bad request', err.message);
  }
  return new HttpProblem(500, PROBLEM_TYPES.internal, 'Internal error', 'Something went wrong on our side.');
}

export function installProblemHandlers(app: {
  setErrorHandler: (h: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => unknown) => unknown;
  setNotFoundHandler: (h: (req: FastifyRequest, reply: FastifyReply) => unknown) => unknown;
}): void {
  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(reply, p, req.url.split('?')[0]);
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problem.notFound(`No resource at ${req.method} ${req.url.split('?')[0]}.`)),
  );
}
