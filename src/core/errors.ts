import type { Problem } from './protocol.js';

/** A protocol error: the gateway's problem+json, or a transport failure mapped onto one. */
export class PorticoError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'PorticoError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors from a 422, keyed by field name. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
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
export function errorFromProblem(problem: Problem): PorticoError {
  switch (problem.status) {
    case 401:
      return new UnauthorizedError(problem);
    case 403:
      return new ForbiddenError(problem);
    case 404:
      return new NotFoundError(problem);
    case 400:
    case 422:
      return new ValidationError(problem);
    default:
      return new PorticoError(problem);
  }
}

export function isUnauthorized(err: unknown): err is UnauthorizedError {
  return err instanceof PorticoError && err.status === 401;
}
