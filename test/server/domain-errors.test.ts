/**
 * Domain errors thrown by the store, the connectors and the services become
 * problem+json in one place (server/http/problem.ts), with the shared codes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RtError } from '../../server/connectors/rt/rt-client.js';
import {
  BadInput,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  RateLimited,
  TooLarge,
  Unauthorized,
  Unavailable,
  UnsupportedType,
} from '../../server/errors.js';
import { toProblem } from '../../server/http/problem.js';

const asProblem = (err: Error) => toProblem(err as never);

describe('domain errors as problems', () => {
  test('each kind answers with its status and code', () => {
    const cases: Array<[Error, number, string]> = [
      [BadInput.field('cursor', 'invalid'), 400, 'bad-request'],
      [Invalid.field('formId', 'not-found'), 422, 'validation'],
      [new Unauthorized(), 401, 'unauthorized'],
      [new Unauthorized('Sign in first.', 'anonymous-disabled'), 401, 'anonymous-disabled'],
      [new Forbidden('No.', 'scope-forbidden'), 403, 'scope-forbidden'],
      [new NotFound('No such ticket.'), 404, 'not-found'],
      [new Conflict('Taken.', 'email-taken'), 409, 'email-taken'],
      [new TooLarge('Too big.'), 413, 'too-large'],
      [new UnsupportedType('No.'), 415, 'unsupported-type'],
      [new RateLimited('Slow down.', 30), 429, 'rate-limited'],
      [new Unavailable('Nobody.', 'nobody-available'), 503, 'nobody-available'],
    ];
    for (const [err, status, code] of cases) {
      const p = asProblem(err);
      assert.equal(p.status, status, err.constructor.name);
      assert.equal(p.code, code, err.constructor.name);
      assert.equal(p.toJSON().detail, err.message);
    }
  });

  test('field issues and Retry-After travel with the problem', () => {
    const invalid = asProblem(Invalid.field('subject', 'required'));
    assert.deepEqual(
      invalid.errors?.map((e) => [e.field, e.code]),
      [['subject', 'required']],
    );
    assert.equal(asProblem(new RateLimited('Slow down.', 2.5)).headers?.['retry-after'], '3');
  });

  test('RT errors keep RT’s status: a refusal is 409, a failure 503, never 500', () => {
    const refused = asProblem(new RtError(400, 'RT 400: Invalid custom field'));
    assert.equal(refused.status, 409);
    assert.equal(refused.code, 'helpdesk-refused');
    // RT's own words stay in the log, not in the answer.
    assert.doesNotMatch(refused.toJSON().detail ?? '', /custom field/);
    for (const status of [401, 500, 502, 503]) {
      const failed = asProblem(new RtError(status, `RT ${status}`));
      assert.equal(failed.status, 503, String(status));
      assert.equal(failed.code, 'helpdesk-unavailable');
    }
  });

  test('anything else is a 500 that says nothing of the cause', () => {
    const p = asProblem(new Error('connection string postgres://secret'));
    assert.equal(p.status, 500);
    assert.doesNotMatch(JSON.stringify(p.toJSON()), /secret/);
  });
});
