import type { FastifyRequest } from 'fastify';
import { fieldIssue, problem } from './problem.js';
import { isWellFormedText } from './text.js';

/**
 * Strings PostgreSQL cannot store or that are not text at all: NUL and lone
 * UTF-16 surrogates (JSON allows "\ud800"). Refused with the field's path
 * before anything reaches the database.
 */
function findBadString(value: unknown, path: string, depth = 0): string | null {
  if (depth > 20) return path || '(body)';
  if (typeof value === 'string') return value.includes('\u0000') || !isWellFormedText(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadString(value[i], `${path}${path ? '.' : ''}${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000') || !isWellFormedText(k)) return `${path}${path ? '.' : ''}(key)`;
      const bad = findBadString(v, `${path}${path ? '.' : ''}${k}`, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

export async function rejectUnstorableStrings(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) return;
  const field = findBadString(req.body, '');
  if (field) {
    throw problem.badRequest('Text contains characters that are not allowed (NUL or unpaired surrogates).', [
      fieldIssue(field, 'invalid-text'),
    ]);
  }
}
