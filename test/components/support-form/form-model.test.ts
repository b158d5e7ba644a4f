import { expect } from '@open-wc/testing';
import {
  buildTicketRequest,
  defaultValues,
  formVerdict,
  localized,
  pickFieldValues,
  resolveFields,
  resolveRequester,
  type FieldOverrides,
  type FormValues,
} from '../../../src/core/form-model.js';
import { fileRejection } from '../../../src/core/file-rules.js';
import { isActive } from '../../../src/protocol/index.js';
import {
  clearPrefill,
  getPrefill,
  onPrefillChange,
  parsePrefillAttribute,
  setPrefill,
} from '../../../src/core/prefill.js';
import type { FormSchema } from '../../../src/protocol/index.js';

const schema: FormSchema = {
  id: 'chain',
  name: { en: 'Chain' },
  fields: [
    { id: 'subject', type: 'text', label: { en: 'Subject', nl: 'Onderwerp' }, required: true },
    { id: 'description', type: 'textarea', label: { en: 'Description' } },
    {
      id: 'kind',
      type: 'select',
      label: { en: 'Kind' },
      options: [
        { value: 'bug', label: { en: 'Bug' } },
        { value: 'wish', label: { en: 'Wish' } },
      ],
    },
    {
      id: 'severity',
      type: 'number',
      label: { en: 'Severity' },
      min: 1,
      max: 5,
      required: true,
      condition: { field: 'kind', equals: 'bug' },
    },
    {
      id: 'blocker',
      type: 'checkbox',
      label: { en: 'Blocks release' },
      condition: { field: 'severity', equals: [4, 5] },
    },
    { id: 'secret', type: 'text', label: { en: 'Secret' }, visible: false, default: 'from-schema' },
  ],
};

describe('form model', () => {
  it('picks the label in the active locale, then the base language, then English', () => {
    const text = { en: 'Subject', nl: 'Onderwerp' };
    expect(localized(text, 'nl')).to.equal('Onderwerp');
    expect(localized(text, 'nl-BE')).to.equal('Onderwerp');
    expect(localized(text, 'de')).to.equal('Subject');
    expect(localized({ it: 'Oggetto' }, 'de')).to.equal('Oggetto');
  });

  it('makes a field inactive when the field it depends on is inactive (conditions chain)', () => {
    const values: FormValues = { ...defaultValues(schema), kind: 'bug', severity: 5 };
    expect(isActive(schema, 'blocker', values)).to.equal(true);
    values.kind = 'wish';
    expect(isActive(schema, 'severity', values)).to.equal(false);
    // severity still holds 5, but it is not in play, so blocker is not either.
    expect(isActive(schema, 'blocker', values)).to.equal(false);
  });

  it('survives a condition cycle in a bad schema', () => {
    const cyclic: FormSchema = {
      id: 'cycle',
      name: { en: 'Cycle' },
      fields: [
        { id: 'a', type: 'text', label: { en: 'A' }, condition: { field: 'b', equals: 'x' } },
        { id: 'b', type: 'text', label: { en: 'B' }, condition: { field: 'a', equals: 'x' } },
      ],
    };
    expect(isActive(cyclic, 'a', { a: 'x', b: 'x' })).to.equal(false);
  });

  const labels = {
    requester: { name: 'Name', email: 'E-mail', phone: 'Phone', organization: 'Organisation' },
    request: { subject: 'Subject', body: 'Description', attachments: 'Attachments' },
    locale: 'en',
  };
  const verdict = (values: FormValues, overrides: FieldOverrides = {}) =>
    formVerdict(schema, values, overrides, { attachments: [], requester: [], requesterValues: requesterNone }, labels);
  const requesterNone = { name: '', email: '', phone: '', organization: '' };

  it('puts the gateway’s verdict on the active fields the user can fix, the rest on the whole form', () => {
    const values: FormValues = { ...defaultValues(schema), subject: '', kind: 'wish', severity: null };
    expect(verdict(values)).to.deep.equal({ byKey: { subject: 'Subject is required.' }, other: [] });
    values.kind = 'bug';
    expect(Object.keys(verdict(values).byKey)).to.deep.equal(['subject', 'severity']);
    // A field the host hid or locked still breaks the rule: the user is told, on the form, not on a field.
    const locked = verdict(values, { hiddenFields: new Set(['subject']), readonlyFields: new Set(['severity']) });
    expect(locked.byKey).to.deep.equal({});
    expect(locked.other).to.deep.equal(['Subject is required.', 'Severity is required.']);
    values.severity = 9;
    expect(verdict(values).byKey.severity).to.equal('Severity must be at most 5.');
  });

  it('builds the request: subject and body from their fields, inactive fields left out, hidden ones sent', () => {
    const values: FormValues = {
      ...defaultValues(schema),
      subject: '  Crash on save  ',
      description: 'Steps…',
      kind: 'wish',
      severity: 5,
      blocker: true,
    };
    const resolved = resolveFields(schema, values, { hiddenFields: new Set(['kind']) });
    expect(resolved.find((r) => r.field.id === 'kind')!.shown).to.equal(false);
    const request = buildTicketRequest(
      schema,
      values,
      { hiddenFields: new Set(['kind']) },
      {
        attachments: ['up-1'],
        requester: resolveRequester(
          { name: 'editable', email: 'visible', phone: 'hidden', organization: 'hidden' },
          false,
        ),
        requesterValues: { name: 'Carol', email: 'carol@acme.example', phone: '123', organization: 'Acme' },
      },
    );
    expect(request).to.deep.equal({
      formId: 'chain',
      subject: 'Crash on save',
      body: { format: 'text', content: 'Steps…' },
      fields: { kind: 'wish', secret: 'from-schema' },
      attachments: ['up-1'],
      // Only what the user could change goes along; the gateway knows the signed-in user.
      requester: { name: 'Carol' },
    });
  });

  it('asks anonymous requesters for an e-mail address, always', () => {
    const signedIn = resolveRequester(
      { name: 'visible', email: 'hidden', phone: 'editable', organization: 'hidden' },
      false,
    );
    expect(signedIn.find((r) => r.key === 'email')!.shown).to.equal(false);
    const anonymous = resolveRequester(
      { name: 'visible', email: 'hidden', phone: 'editable', organization: 'hidden' },
      true,
    );
    expect(anonymous.find((r) => r.key === 'email')).to.deep.include({ shown: true, editable: true, required: true });
    expect(anonymous.find((r) => r.key === 'name')).to.deep.include({ shown: true, editable: true, required: false });
  });

  it('coerces prefill to the field types and ignores unknown keys', () => {
    expect(pickFieldValues(schema, { severity: '4', blocker: 'true', subject: 12, nope: 'x' })).to.deep.equal({
      severity: 4,
      blocker: true,
      subject: '12',
    });
  });
});

describe('prefill', () => {
  afterEach(() => clearPrefill());

  it('is page-wide on globalThis, tells listeners, and merges on request', () => {
    const seen: unknown[] = [];
    const off = onPrefillChange((v) => seen.push(v));
    setPrefill({ subject: 'A' });
    setPrefill({ product: 'vpn' }, { merge: true });
    off();
    setPrefill({ subject: 'B' });
    expect(seen).to.deep.equal([{ subject: 'A' }, { subject: 'A', product: 'vpn' }]);
    expect(getPrefill()).to.deep.equal({ subject: 'B' });
    const holder = (globalThis as Record<symbol, { values: unknown }>)[Symbol.for('portico.prefill')];
    expect(holder.values, 'a second bundle finds it by Symbol.for').to.deep.equal({ subject: 'B' });
  });

  it('drops values that are not field values, and bad attribute JSON', () => {
    setPrefill({ subject: 'ok', when: new Date() as unknown as string, fn: (() => 1) as unknown as string });
    expect(getPrefill()).to.deep.equal({ subject: 'ok' });
    expect(parsePrefillAttribute('{"subject":"x"}')).to.deep.equal({ subject: 'x' });
    expect(parsePrefillAttribute('[1,2]')).to.deep.equal({});
    expect(parsePrefillAttribute('{oops')).to.deep.equal({});
  });
});

describe('file checks', () => {
  const limits = { maxBytes: 100, maxFiles: 2, allowedTypes: ['image/png', 'text/plain', '.png', '.log'] };

  it('words the first upload rule a file breaks, for that file', () => {
    expect(fileRejection(new File(['x'], 'a.log'), limits, 0)).to.equal(null);
    expect(fileRejection(new File(['x'], 'a.log'), limits, 2)).to.contain('at most 2 files');
    expect(fileRejection(new File([new Uint8Array(101)], 'a.log'), limits, 0)).to.contain('at most 100 byte');
    expect(fileRejection(new File(['x'], 'a.exe'), limits, 0)).to.contain('“a.exe” is not an allowed file type');
  });
});
