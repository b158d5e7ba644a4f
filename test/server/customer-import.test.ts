/**
 * Customers imported from a CSV file (issue 13): the file as spreadsheets
 * write it (a BOM, `;`, quoted commas and line breaks), a dry run that says
 * per row what it would do and changes nothing, and the real run that does
 * the same plan all at once — or, with any error row, nothing at all.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv } from '../../server/admin/csv-table.js';
import type { CustomerImportRow, CustomerImportTotals, ImportColumn } from '../../src/protocol/index.js';
import { runCommand } from '../../server/cli.js';
import { embeddedGateway, http, outboxFor, type RealGateway } from './helpers/gateway-harness.js';
import { makeWorld, type World } from './helpers/world.js';

describe('CSV as spreadsheets write it', () => {
  it('drops the BOM, finds the separator, keeps quoted separators, quotes and line breaks in their cell', () => {
    const excel =
      '\uFEFFEmail;Name;Organisation\r\n"a@x.example";"Smith; Anna";"Acme, Inc."\r\nb@x.example;"Line one\r\nline two";\r\n';
    const t = parseCsv(excel);
    assert.equal(t.separator, ';');
    assert.deepEqual(t.header, ['Email', 'Name', 'Organisation']);
    assert.deepEqual(t.rows, [
      { row: 2, cells: ['a@x.example', 'Smith; Anna', 'Acme, Inc.'] },
      { row: 3, cells: ['b@x.example', 'Line one\r\nline two', ''] },
    ]);
    const commas = parseCsv('email,name\nc@x.example,"Say ""hi"", then go"\n\n,\nd@x.example,Dee');
    assert.equal(commas.separator, ',');
    assert.deepEqual(commas.rows, [
      { row: 2, cells: ['c@x.example', 'Say "hi", then go'] },
      { row: 5, cells: ['d@x.example', 'Dee'] },
    ]);
    assert.equal(parseCsv('email\tname\re@x.example\tE').separator, '\t');
    assert.deepEqual(parseCsv('email\re@x.example').rows, [{ row: 2, cells: ['e@x.example'] }], 'old Mac line ends');
    assert.throws(() => parseCsv('email,name\nf@x.example,"never closed\n'), /Row 2 has a quote that is never closed/);
  });
});

/** The gateway's answer, as the console reads it. */
interface Plan {
  dryRun: boolean;
  separator: string;
  columns: Array<{ header: string; column: ImportColumn | null }>;
  rows: CustomerImportRow[];
  totals: CustomerImportTotals;
}

describe('customer import (issue 13)', () => {
  let gw: RealGateway;
  let w: World;

  before(async () => {
    gw = await embeddedGateway()();
    w = await makeWorld(gw.admin);
  });
  after(async () => {
    await gw?.close();
  });

  const post = (body: unknown) =>
    http(`${gw.origin}/admin/v1/customers/import`, {
      method: 'POST',
      json: body,
      headers: { authorization: `Bearer ${gw.admin.token}` },
    });
  const importCsv = async (csv: string, options: Record<string, boolean> = {}) => {
    const res = await post({ csv, ...options });
    assert.equal(res.status, 200, res.text);
    return res.body as Plan;
  };
  const everyone = async () =>
    JSON.stringify(await gw.admin.call('GET', '/customers?limit=1000')) +
    JSON.stringify(await gw.admin.call('GET', '/organizations'));

  it('a dry run says per row what it would do, names the column of each error, and changes nothing', async () => {
    const t = w.tag;
    const csv = [
      '\uFEFFE-mail;Name;Organisation;Language;Role;Portal access;Favourite colour',
      `new-${t}@a-${t}.example;"Nieuw, Nora";;nl-BE;company;yes;blue`,
      `${w.bob.email};Bob Renamed;Org B ${t};;;;`,
      `${w.cat.email};Cat;org b ${t};;;;`,
      `not-an-address;Nobody;;;;;`,
      `NEW-${t}@a-${t}.example;Twice;;;;;`,
      `ghost-${t}@elsewhere.example;Ghost;Ghosts ${t};xx;boss;maybe;`,
      `${w.alice.email};;;;;no;`,
    ].join('\r\n');
    const stored = await everyone();
    const audit = (await gw.admin.call('GET', '/audit-log?actor=token')).items.length;
    const plan = await importCsv(csv, { dryRun: true });
    assert.equal(await everyone(), stored, 'nothing changed');

    assert.equal(plan.dryRun, true);
    assert.equal(plan.separator, ';');
    assert.deepEqual(
      plan.columns.map((c) => c.column),
      ['email', 'name', 'organization', 'language', 'role', 'portalAccess', null],
      'the header read liberally; an unknown column is left alone',
    );
    const [nora, bob, cat, bad, twice, ghost, alice] = plan.rows;
    assert.deepEqual(
      plan.rows.map((r) => `${r.row} ${r.action}`),
      ['2 create', '3 update', '4 unchanged', '5 error', '6 error', '7 error', '8 error'],
    );
    assert.equal(nora!.name, 'Nieuw, Nora');
    assert.equal(nora!.organization?.id, w.orgA.id, 'no organisation named: matched by the domain');
    assert.equal(nora!.portalAccess, true);
    assert.equal(nora!.invited, false, 'no invitation unless asked');
    assert.deepEqual(bob!.changes, ['name', 'organization']);
    assert.equal(bob!.organization?.id, w.orgB.id);
    assert.deepEqual(cat!.changes, [], 'an organisation by name, any case; the same values are no change');
    const issues = (r: CustomerImportRow | undefined) => r!.errors.map((e) => `${e.field} ${e.code}`);
    assert.deepEqual(issues(bad), ['email email']);
    assert.deepEqual(issues(twice), ['email duplicate']);
    assert.equal(twice!.errors[0]!.params?.row, 2, 'the duplicate names the row it repeats');
    assert.deepEqual(issues(ghost), [
      'language one-of',
      'role one-of',
      'portalAccess one-of',
      'organization not-found',
    ]);
    assert.deepEqual(issues(alice), ['portalAccess read-only'], 'the import never takes access away');
    assert.deepEqual(
      { ...plan.totals, organizationsCreated: plan.totals.organizationsCreated.length },
      { rows: 7, create: 1, update: 1, unchanged: 1, error: 4, invited: 0, organizationsCreated: 0 },
    );

    const log = (await gw.admin.call('GET', '/audit-log?actor=token')).items;
    assert.equal(log.length, audit + 1);
    assert.equal(log[0].action, 'POST /customers/import');
    assert.match(log[0].target, /^dry run: 1 created, 1 updated, 1 unchanged, 4 errors/);

    // The real run with errors is refused as a whole, each error named by row and column.
    const refused = await post({ csv });
    assert.equal(refused.status, 422, refused.text);
    const fields = (refused.body.errors as Array<{ field: string }>).map((e) => e.field);
    assert.ok(fields.includes('rows.5.email') && fields.includes('rows.7.organization'), fields.join(', '));
    assert.equal(await everyone(), stored, 'nothing imported');
  });

  it('the real run creates and updates in one go, makes organisations only when told, and invites only when asked', async () => {
    const t = w.tag;
    const newOrg = `Imported ${t}`;
    const csv = [
      'email,name,organization,language,role,portal access',
      `ivy-${t}@free.example,Ivy,"${newOrg}",fr,user,yes`,
      `jon-${t}@free.example,"Jon ""JJ"" Jones",${newOrg.toUpperCase()},,company,no`,
      `${w.dan.email},Dan Updated,${w.orgA.id},de,,`,
    ].join('\n');

    const unknown = await importCsv(csv, { dryRun: true });
    assert.deepEqual(
      unknown.rows.map((r) => r.errors.map((e) => `${e.field} ${e.code}`)),
      [['organization not-found'], ['organization not-found'], []],
    );
    const told = await importCsv(csv, { dryRun: true, createOrganizations: true, invite: true });
    assert.equal(told.totals.error, 0);
    assert.deepEqual(told.totals.organizationsCreated, [newOrg], 'made once, under the name as first written');
    assert.equal(told.rows[0]!.organizationCreated, true);
    assert.equal(told.rows[0]!.invited, true, 'the dry run says who would be invited');
    assert.equal(told.totals.invited, 1);
    assert.equal(
      (await gw.admin.call('GET', '/organizations')).items.some((o: { name: string }) => o.name === newOrg),
      false,
    );
    assert.deepEqual(await outboxFor(gw, `ivy-${t}@free.example`), [], 'a dry run sends nothing');

    const done = await importCsv(csv, { createOrganizations: true });
    assert.equal(done.dryRun, false);
    assert.deepEqual(
      done.rows.map((r) => r.action),
      ['create', 'create', 'update'],
    );
    const ivy = (await gw.admin.call('GET', `/customers?email=ivy-${t}%40free.example`)).items[0];
    assert.equal(ivy.name, 'Ivy');
    assert.equal(ivy.locale, 'fr');
    assert.equal(ivy.portalAccess, true);
    assert.equal(ivy.organization.name, newOrg);
    const jon = (await gw.admin.call('GET', `/customers?email=jon-${t}%40free.example`)).items[0];
    assert.equal(jon.name, 'Jon "JJ" Jones');
    assert.equal(jon.role, 'company');
    assert.equal(jon.portalAccess, false);
    assert.equal(jon.organization.id, ivy.organization.id);
    const dan = (await gw.admin.call('GET', `/customers?email=${encodeURIComponent(w.dan.email)}`)).items[0];
    assert.deepEqual(
      [dan.name, dan.locale, dan.organization.id, dan.role],
      ['Dan Updated', 'de', w.orgA.id, 'company'],
    );
    assert.deepEqual(await outboxFor(gw, `ivy-${t}@free.example`), [], 'portal access without the invitation');

    // Again: everything is as the file says.
    const again = await importCsv(csv);
    assert.deepEqual(
      again.rows.map((r) => r.action),
      ['unchanged', 'unchanged', 'unchanged'],
    );

    // Asked to invite: the customers the import gives access get the mail, after the commit.
    const invited = await importCsv(`email;portal access\n${jon.email};yes\n${ivy.email};yes`, { invite: true });
    assert.deepEqual(
      invited.rows.map((r) => `${r.action} ${r.changes.join()} ${r.invited}`),
      ['update portalAccess true', 'unchanged  false'],
    );
    assert.equal((await outboxFor(gw, jon.email)).length, 1, 'the invitation went out');
    assert.deepEqual(await outboxFor(gw, ivy.email), [], 'who had access already gets nothing');
    const log = (await gw.admin.call('GET', '/audit-log?actor=token')).items;
    assert.equal(log[0].target, '0 created, 1 updated, 1 unchanged, 0 errors, 0 organisations, 1 invited');
  });

  it('an organisation made on the way — by a domain, or named with creation on — is the one later rows name', async () => {
    const t = w.tag;
    // On a new company domain the gateway makes an organisation named after it (automatic creation is on).
    const csv = [
      'email;organisation',
      `zed-${t}@zedcorp-${t}.example;`,
      `yan-${t}@free.example;Zedcorp-${t}`,
      `xia-${t}@free.example;Fresh ${t}`,
      `wen-${t}@free.example;FRESH ${t}`,
    ].join('\n');
    const plan = await importCsv(csv, { dryRun: true, createOrganizations: true });
    assert.deepEqual(
      plan.rows.map((r) => `${r.action} ${r.organization?.name} ${r.organizationCreated}`),
      [`create Zedcorp-${t} true`, `create Zedcorp-${t} true`, `create Fresh ${t} true`, `create Fresh ${t} true`],
    );
    assert.equal(plan.rows[0]!.organization?.id, plan.rows[1]!.organization?.id);
    assert.equal(plan.rows[2]!.organization?.id, plan.rows[3]!.organization?.id, 'made once');
    assert.deepEqual(plan.totals.organizationsCreated, [`Zedcorp-${t}`, `Fresh ${t}`]);
  });

  it('refuses a file it cannot read with 400 naming the problem, and one too large with 413', async () => {
    for (const [body, code, param] of [
      [{ csv: 'name,phone\nAnna,123' }, 'required', 'email'],
      [{ csv: 'email,e-mail\na@x.example,b@x.example' }, 'duplicate', 'email'],
      [{ csv: 'email\n' }, 'file-empty', undefined],
      [{ csv: 'email,name\na@x.example,"open' }, 'invalid', 'unclosed-quote'],
      [{ csv: `email\n${'a@x.example\n'.repeat(1001)}` }, 'max', 1000],
    ] as const) {
      const res = await post(body);
      assert.equal(res.status, 400, `${body.csv.slice(0, 30)}: ${res.text}`);
      const issue = res.body.errors[0];
      assert.equal(issue.field, 'csv');
      assert.equal(issue.code, code);
      if (param !== undefined) assert.ok(Object.values(issue.params ?? {}).includes(param), res.text);
    }
    for (const [body, field] of [
      [{ csv: '' }, 'csv'],
      [{ csv: 'email', dryRun: 'yes' }, 'dryRun'],
      [{ csv: 'email', sendMail: true }, 'sendMail'],
    ] as const) {
      const res = await post(body);
      assert.equal(res.status, 400, res.text);
      assert.match(res.text, new RegExp(field));
    }
    const huge = await post({ csv: `email\n${'x'.repeat(1_000_001)}` });
    assert.equal(huge.status, 400, 'over the length the schema allows');
    const larger = await post({ csv: `email\n${'"'.repeat(2_100_000)}` });
    assert.equal(larger.status, 413, 'over the body limit');
  });
});

describe('npm run gateway -- import-customers', () => {
  it('sends the file to the admin API: a dry run first, then the import', async () => {
    const gw = await embeddedGateway()();
    const dir = await mkdtemp(path.join(tmpdir(), 'portico-import-'));
    try {
      const call = (method: string, p: string, body?: unknown) => gw.admin.call(method, p, body);
      const file = path.join(dir, 'customers.csv');
      await writeFile(file, '\uFEFFemail;name\r\ncli-import@example.com;Cleo\r\n');
      const dry = (await runCommand(call, 'import-customers', { file, 'dry-run': true })) as Plan;
      assert.equal(dry.dryRun, true);
      assert.equal(dry.rows[0]!.action, 'create');
      assert.equal(await gw.admin.findUser('cli-import@example.com'), null, 'the dry run made nobody');
      const done = (await runCommand(call, 'import-customers', { file })) as Plan;
      assert.equal(done.totals.create, 1);
      assert.ok(await gw.admin.findUser('cli-import@example.com'));
      await assert.rejects(runCommand(call, 'import-customers', {}), /Which file\?/);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await gw.close();
    }
  });
});
