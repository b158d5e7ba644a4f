import {
  isProblemCode,
  problemCodeForStatus,
  problemType as problemTypeOf,
  type FieldIssue,
  type Problem,
  type ProblemCode,
} from '../protocol/index.js';

/** A protocol error: the gateway's problem+json, or a transport failure mapped onto one. */
export class PorticoError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** What happened, for the user's message (see problem-text.ts). */
  readonly code: ProblemCode;
  /** From `Retry-After`, when the gateway said how long to wait. */
  readonly retryAfterSeconds: number | null;

  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail || problem.title);
    this.name = 'PorticoError';
    this.status = problem.status;
    this.problem = problem;
    this.code = isProblemCode(problem.code) ? problem.code : problemCodeForStatus(problem.status);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field issues from a 400/422, keyed by the field's path in the request. */
  get fieldIssues(): Record<string, FieldIssue> {
    const byField: Record<string, FieldIssue> = {};
    for (const issue of this.problem.errors ?? []) byField[issue.field] ??= issue;
    return byField;
  }
}

export class UnauthorizedError extends PorticoError {
  override name = 'UnauthorizedError';
}
export class ForbiddenError extends PorticoError {
  override name = 'ForbiddenError';
}
export class NotFoundError extends PorticoError {
  override name = 'NotFoundError';
}
export class ValidationError extends PorticoError {
  override name = 'ValidationError';
}
export class NetworkError extends PorticoError {
  override name = 'NetworkError';
}
export class TimeoutError extends PorticoError {
  override name = 'TimeoutError';
}

/** Turns a problem into the typed error class for its status. */
export function errorFromProblem(problem: Problem, retryAfterSeconds: number | null = null): PorticoError {
  switch (problem.status) {
    case 401:
      return new UnauthorizedError(problem, retryAfterSeconds);
    case 403:
      return new ForbiddenError(problem, retryAfterSeconds);
    case 404:
      return new NotFoundError(problem, retryAfterSeconds);
    case 400:
    case 422:
      return new ValidationError(problem, retryAfterSeconds);
    default:
      return new PorticoError(problem, retryAfterSeconds);
  }
}

/**
 * Whether trying the same request again may help: no answer, a timeout,
 * throttling, a server-side failure, or the gateway still working on this very
 * Idempotency-Key (409 `in-progress`). Anything else (400, 403, 413, 415, 422…)
 * is the gateway's answer about the request itself and would come back the same.
 */
export function retryMayHelp(error: unknown): boolean {
  if (!(error instanceof PorticoError)) return true;
  const s = error.status;
  return s === 0 || s === 408 || s === 425 || s === 429 || s >= 500 || isStillRunning(error);
}

/** 409 `in-progress`: an earlier attempt with this Idempotency-Key is running; a retry gets its answer once done. */
export function isStillRunning(error: unknown): boolean {
  return error instanceof PorticoError && error.status === 409 && error.code === 'in-progress';
}

export function isUnauthorized(err: unknown): err is UnauthorizedError {
  return err instanceof PorticoError && err.status === 401;
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** A problem the client makes itself (no answer, or an answer it cannot read). */
export function localProblem(code: ProblemCode, status: number, title: string, detail?: string): Problem {
  return {
    type: problemTypeOf(code),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
  };
}

/** The gateway's problem+json from an answer, or one made from the status line when the body is something else. */
export function problemFromAnswer(status: number, statusText: string, text: string): Problem {
  try {
    const body = JSON.parse(text) as Partial<Problem> | null;
    if (body && typeof body === 'object' && typeof body.title === 'string') {
      const code = isProblemCode(body.code) ? body.code : problemCodeForStatus(status);
      return { ...body, type: body.type ?? problemTypeOf(code), title: body.title, status, code } as Problem;
    }
  } catch {
    // an HTML error page from a proxy, say
  }
  const code = problemCodeForStatus(status);
  return localProblem(code, status, statusText || `HTTP ${status}`);
}

/** The typed error for a failed answer, with its `Retry-After`. */
export function errorFromAnswer(
  status: number,
  statusText: string,
  text: string,
  retryAfter: string | null,
): PorticoError {
  return errorFromProblem(problemFromAnswer(status, statusText, text), parseRetryAfter(retryAfter));
}
