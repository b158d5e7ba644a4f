/**
 * The rt connector's decisions that need no running RT: ids that must never
 * reach RT, TicketSQL quoting, cursors, status and part mapping, settings.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadInput, NotFound } from '../../../server/errors.js';
import { toProblem } from '../../../server/http/problem.js';
import { RtConnector } from '../../../server/connectors/rt/rt-connector.js';
import { parseEnvFile, rtSettingsFromEnv } from '../../../server/connectors/rt/rt-config.js';
import { parseFieldMap, STATUS_FROM_RT, statusFromRt } from '../../../server/connectors/rt/rt-fields.js';
import {
  formatPortalAuthor,
  parsePortalAuthor,
  type RtAttachmentItem,
  splitParts,
  toStoredTicket,
} from '../../../server/connectors/rt/rt-mapping.js';
import {
  decodePageCursor,
  encodePageCursor,
  quote,
  domainClause,
  scopeClause,
  searchClause,
} from '../../../server/connectors/rt/ticket-sql.js';

function connectorWithSpy() {
  const calls: string[] = [];
  const fakeFetch = (async (input: string | URL | Request) => {
    calls.push(String(input));
    return new Response('{}', { status: 500 });
  }) as typeof fetch;
  const connector = new RtConnector(
    { ...rtSettingsFromEnv({ RT_TOKEN: '1-99-0123456789abcdef0123456789abcdef', RT_ENV_FILE: '/nonexistent' }) },
    { fetch: fakeFetch, log: { warn: () => {} } },
  );
  return { connector, calls };
}

const HOSTILE_IDS = [
  '1 OR 1=1',
  '../1',
  '..',
  '1/../../users',
  '%2e%2e',
  '0',
  '-1',
  '1.0',
  ' 1',
  '1\n',
  '',
  '12345678901234',
  '٣',
];

describe('ids that are not RT ids never reach RT', () => {
  for (const id of HOSTILE_IDS) {
    test(`id ${JSON.stringify(id)}`, async () => {
      const { connector, calls } = connectorWithSpy();
      assert.equal(await connector.getTicket(id), null);
      assert.deepEqual(await connector.listMessages(id), []);
      assert.equal(await connector.getAttachment(id), null);
      await assert.rejects(
        connector.addMessage(id, {
          author: { name: 'Eve', role: 'customer' },
          body: { format: 'text', content: 'x' },
          attachments: [],
        }),
        (err) => err instanceof NotFound,
      );
      await assert.rejects(connector.setStatus(id, 'closed'), (err) => err instanceof NotFound);
      assert.deepEqual(calls, [], `RT was called for ${JSON.stringify(id)}`);
    });
  }
});

describe('TicketSQL', () => {
  test('a quote or backslash cannot end the string literal', () => {
    assert.equal(quote(`x' OR id > 0 OR Subject = '`), `'x\\' OR id > 0 OR Subject = \\''`);
    assert.equal(quote('a\\'), `'a\\\\'`);
    assert.equal(quote('line\nbreak'), `'line break'`);
  });

  test('the scope is the requester or the organisation, never nothing', () => {
    assert.equal(
      scopeClause({ requesterEmail: ' Carol@Acme.example ' }),
      `Requestor.EmailAddress = 'carol@acme.example'`,
    );
    assert.equal(scopeClause({ organizationId: "org-'x" }), `CF.{Organization} = 'org-\\'x'`);
    assert.equal(
      scopeClause({ organizationId: 'org-a' }, ['a.example', "bad'domain"]),
      `CF.{Organization} = 'org-a' OR (CF.{Organization} IS NULL AND (Requestor.EmailAddress ENDSWITH '@a.example'))`,
    );
    assert.equal(domainClause(['%', '']), null);
    assert.throws(() => scopeClause({}));
    assert.throws(() => scopeClause({ requesterEmail: '  ' }));
  });

  test('a search asks for every word in the subject or the requester, or for the ticket number', () => {
    const word = (w: string) =>
      `(Subject LIKE '${w}' OR Requestor.RealName LIKE '${w}' OR Requestor.EmailAddress LIKE '${w}')`;
    // `#42` and `RT-42` name the ticket only; a bare 42 may also be a word of a subject.
    assert.equal(searchClause('#42'), 'id = 42');
    assert.equal(searchClause('RT-42'), 'id = 42');
    assert.equal(searchClause('42'), `(id = 42 OR (${word('42')}))`);
    assert.equal(searchClause('VPN'), word('vpn'));
    assert.equal(searchClause('dave printer'), `${word('dave')} AND ${word('printer')}`);
    assert.equal(searchClause('  '), null);
    // LIKE wildcards and quotes never reach RT: they separate words.
    assert.equal(searchClause("50%_off o'brien"), `${word('50')} AND ${word('off')} AND ${word('brien')}`);
    assert.equal(searchClause('%'), 'id = 0');
  });
});

describe('page cursors', () => {
  test('round-trip page and page size', () => {
    assert.deepEqual(decodePageCursor(encodePageCursor({ page: 3, perPage: 25 })), { page: 3, perPage: 25 });
    assert.equal(decodePageCursor(undefined), null);
  });

  test('a forged cursor is a 400, not a query', () => {
    for (const bad of [
      'nope',
      Buffer.from('{"rt":1,"p":"1 OR 1=1","n":5}').toString('base64url'),
      Buffer.from('{"rt":1,"p":1,"n":1000}').toString('base64url'),
    ]) {
      assert.throws(
        () => decodePageCursor(bad),
        (err) => err instanceof BadInput && toProblem(err as never).status === 400,
      );
    }
  });
});

describe('mapping', () => {
  test('RT statuses map onto Portico statuses; deleted is not one of them', () => {
    assert.deepEqual(
      ['new', 'open', 'stalled', 'resolved', 'rejected'].map((s) => statusFromRt(s)),
      ['new', 'open', 'pending', 'solved', 'closed'],
    );
    assert.equal('deleted' in STATUS_FROM_RT, false);
  });

  test("a site's own statuses map by their lifecycle category, default names keep theirs within it", () => {
    assert.equal(statusFromRt('waiting-customer', 'active'), 'open');
    assert.equal(statusFromRt('cancelled', 'inactive'), 'closed');
    assert.equal(statusFromRt('stalled', 'active'), 'pending');
    assert.equal(statusFromRt('resolved', 'inactive'), 'solved');
    // A default name a site moved to the other category follows the category.
    assert.equal(statusFromRt('stalled', 'inactive'), 'closed');
    assert.equal(statusFromRt('resolved', 'active'), 'open');
    assert.equal(statusFromRt('whatever'), 'open');
  });

  test('a ticket keeps its raw status, requester e-mail and organisation', () => {
    const t = toStoredTicket(
      {
        id: '7',
        Subject: 'Printer',
        Status: 'stalled',
        Created: '2024-05-01T10:00:00Z',
        LastUpdated: '2024-05-02T10:00:00Z',
        Requestor: [{ id: 'Erin@Globex.example', EmailAddress: 'Erin@Globex.example', RealName: 'Erin Walsh' }],
        Owner: { id: 'Nobody', Name: 'Nobody', RealName: 'Nobody in particular' },
        CustomFields: [
          { id: '2', name: 'Organization', values: ['org-globex'] },
          { id: '3', name: 'Organization name', values: ['Globex'] },
          { id: '5', name: 'Affected users', values: ['12'] },
          { id: '6', name: 'Notify', values: ['true'] },
        ],
      },
      parseFieldMap(undefined),
    );
    assert.equal(t.status, 'pending');
    assert.equal(t.rawStatus, 'stalled');
    assert.equal(t.requesterEmail, 'erin@globex.example');
    assert.equal(t.requester.name, 'Erin Walsh');
    assert.deepEqual(t.organization, { id: 'org-globex', name: 'Globex' });
    assert.equal(t.assignee, null);
    assert.deepEqual(t.fields, { affectedUsers: 12, notify: true });
    assert.equal(t.number, '7');
  });

  test('a transaction splits into its text body and its files', () => {
    const part = (id: number, ContentType: string, Filename = '', Headers = ''): RtAttachmentItem => ({
      id: String(id),
      TransactionId: '9',
      ContentType,
      Filename,
      ContentLength: '10',
      Headers,
    });
    const { body, attachments } = splitParts([
      part(4, 'image/png', 'shot.png'),
      part(1, 'multipart/mixed'),
      part(2, 'multipart/alternative'),
      part(3, 'text/html'),
      part(5, 'text/plain'),
      part(6, 'text/plain', 'notes.txt'),
      part(7, 'text/plain', '', 'Content-Disposition: attachment'),
    ]);
    assert.equal(body?.id, '5', 'plain text wins over its HTML alternative');
    assert.deepEqual(
      attachments.map((a) => a.name),
      ['shot.png', 'notes.txt', 'attachment-7'],
    );
    assert.equal(splitParts([part(3, 'text/html')]).body?.id, '3');
  });

  test('the portal author survives the round trip through the transaction CF', () => {
    const value = formatPortalAuthor({ name: 'Carol <Jansen>', email: 'carol@acme.example', role: 'customer' });
    assert.equal(value, 'Carol Jansen <carol@acme.example>');
    assert.deepEqual(parsePortalAuthor(value), { name: 'Carol Jansen', email: 'carol@acme.example', role: 'customer' });
    assert.deepEqual(parsePortalAuthor(formatPortalAuthor({ name: 'Alex', role: 'agent' })), {
      name: 'Alex',
      role: 'agent',
    });
  });
});

describe('start', () => {
  /** An RT whose portal queue has these custom fields (REST2 `GET /queue/{name}`), and a token's user. */
  function connectorOnQueueWith(fields: string[]) {
    const fakeFetch = (async (input: string | URL | Request) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (/\/user\/99$/.test(url.pathname)) return Response.json({ id: 99, Name: 'portico' });
      if (/\/queue\/[^/]+$/.test(url.pathname))
        return Response.json({
          id: 1,
          Name: 'General',
          TicketCustomFields: fields.filter((f) => f !== 'Portal author').map((name) => ({ name })),
          TicketTransactionCustomFields: fields.includes('Portal author') ? [{ name: 'Portal author' }] : [],
        });
      return new Response('{}', { status: 404 });
    }) as typeof fetch;
    return new RtConnector(
      { ...rtSettingsFromEnv({ RT_TOKEN: '1-99-0123456789abcdef0123456789abcdef', RT_ENV_FILE: '/nonexistent' }) },
      { fetch: fakeFetch, log: { warn: () => {} } },
    );
  }

  test('refuses a queue without the "Portal updated" field, naming it; starts with every field', async () => {
    await assert.rejects(
      connectorOnQueueWith(['Organization', 'Portal author']).start(),
      /custom field "Portal updated" is not applied to queue/,
    );
    await connectorOnQueueWith(['Organization', 'Portal author', 'Portal updated']).start();
  });
});

describe('settings', () => {
  test('env wins; the rt.env file fills the gaps', () => {
    assert.deepEqual(parseEnvFile('# c\nRT_URL=http://h:1\nRT_TOKEN="1-2-ab"\n'), {
      RT_URL: 'http://h:1',
      RT_TOKEN: '1-2-ab',
    });
    const s = rtSettingsFromEnv({ RT_USER: 'u', RT_PASSWORD: 'p', RT_POLL_MS: '250', RT_ENV_FILE: '/nonexistent' });
    assert.deepEqual(s.auth, { user: 'u', password: 'p' });
    assert.equal(s.url, 'http://127.0.0.1:8780');
    assert.equal(s.queue, 'General');
    assert.equal(s.pollMs, 250);
    assert.throws(() => rtSettingsFromEnv({ RT_ENV_FILE: '/nonexistent' }), /RT_TOKEN/);
    assert.throws(
      () => rtSettingsFromEnv({ RT_TOKEN: 'x', RT_POLL_MS: 'soon', RT_ENV_FILE: '/nonexistent' }),
      /RT_POLL_MS/,
    );
  });

  test('RT_FIELD_MAP extends the form field mapping', () => {
    const map = parseFieldMap('{"licence": "Licence key", "seats": {"cf": "Seats", "kind": "number"}}');
    assert.deepEqual(map.licence, { cf: 'Licence key', kind: 'string' });
    assert.deepEqual(map.seats, { cf: 'Seats', kind: 'number' });
    assert.deepEqual(map.product, { cf: 'Product', kind: 'string' });
    assert.throws(() => parseFieldMap('[1]'));
  });
});
