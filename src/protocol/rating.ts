/**
 * The satisfaction rating a requester gives a solved ticket: one rule for
 * the browser (before sending) and the gateway (the authority).
 */
import { fieldIssue, type FieldIssue } from './problems.js';
import { CLOSED_STATUSES, type TicketStatus } from './status.js';
import type { RatingRequest } from './wire.js';

/** 1 = very dissatisfied … 5 = very satisfied. */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const MAX_RATING_COMMENT = 2000;

/** Only a finished ticket is rated (solved, or closed). */
export function isRatable(status: TicketStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The problems with a rating request; empty when it may be stored. */
export function checkRating(req: Partial<RatingRequest>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof req.score !== 'number' || !(RATING_SCORES as readonly number[]).includes(req.score)) {
    issues.push(fieldIssue('score', 'one-of'));
  }
  if (req.comment != null) {
    if (typeof req.comment !== 'string') issues.push(fieldIssue('comment', 'type', { expected: 'text' }));
    else if (req.comment.length > MAX_RATING_COMMENT)
      issues.push(fieldIssue('comment', 'max-length', { max: MAX_RATING_COMMENT }));
  }
  return issues;
}
