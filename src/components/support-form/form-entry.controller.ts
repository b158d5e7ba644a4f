import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  coerceValue,
  defaultValues,
  formVerdict,
  pickFieldValues,
  REQUESTER_KEYS,
  requesterErrorKey,
  requesterFromUser,
  type FieldOverrides,
  type FormValues,
  type IssueLabels,
  type MappedIssues,
  type RequesterKey,
  type RequesterValues,
  type ResolvedRequesterField,
} from '../../core/form-model.js';
import type { PrefillValues } from '../../core/prefill.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import type { FormField, FormSchema, User } from '../../protocol/index.js';
import type { SupportFormDraft } from './form-draft.controller.js';

const REQUESTER_PREFIX = 'requester.';

/** `requester.*` prefill keys; a signed-in user's own details are not replaced. */
function requesterPrefill(prefill: PrefillValues, signedIn: boolean): Partial<RequesterValues> {
  const out: Partial<RequesterValues> = {};
  if (signedIn) return out;
  for (const k of REQUESTER_KEYS) {
    const v = prefill[requesterErrorKey(k)];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * What the person typed into the support form and what the form knows about
 * it: field and requester values, the keys they changed themselves (prefill
 * never overwrites those and the draft keeps only those), which fields were
 * left (errors show only then, or after a submit), the server's field errors,
 * and the request's idempotency key (one per draft).
 */
export class FormEntryController implements ReactiveController {
  values: FormValues = {};
  requesterValues: RequesterValues = requesterFromUser(null);
  touched = new Set<string>();
  submitted = false;
  serverErrors: Record<string, string> = {};
  idempotencyKey = newIdempotencyKey();
  schema: FormSchema | null = null;

  #dirty = new Set<string>();
  #startedFor: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly on: {
      /** After each edit by the person (the draft saves then). */
      edit: () => void;
      /** The person typed in the subject (knowledge suggestions follow it). */
      subject: (text: string) => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the entry belongs to this backend and form already. */
  isFor(key: string): boolean {
    return this.#startedFor === key;
  }

  /** Same form, the identity changed (signed in mid-way): keep what was typed, refresh the rest. */
  refresh(schema: FormSchema, user: User | null): void {
    this.schema = schema;
    const fromUser = requesterFromUser(user);
    const next = { ...this.requesterValues };
    for (const k of REQUESTER_KEYS) if (!this.#dirty.has(requesterErrorKey(k))) next[k] = fromUser[k];
    this.requesterValues = next;
    this.host.requestUpdate();
  }

  /** A fresh entry: defaults, then prefill, then the saved draft's own edits. */
  start(key: string, schema: FormSchema, user: User | null, draft: SupportFormDraft | null, prefill: PrefillValues) {
    this.#startedFor = key;
    this.schema = schema;
    this.#dirty = new Set([
      ...Object.keys(draft?.values ?? {}),
      ...Object.keys(draft?.requester ?? {}).map((k) => requesterErrorKey(k as RequesterKey)),
    ]);
    this.values = {
      ...defaultValues(schema),
      ...pickFieldValues(schema, prefill),
      ...pickFieldValues(schema, draft?.values),
    };
    this.requesterValues = {
      ...requesterFromUser(user),
      ...requesterPrefill(prefill, !!user),
      ...(draft?.requester ?? {}),
    };
    this.idempotencyKey = draft?.idempotencyKey ?? newIdempotencyKey();
    this.touched = new Set();
    this.submitted = false;
    this.serverErrors = {};
    this.host.requestUpdate();
  }

  /** Forgets the entry (after a ticket was made): the next load starts afresh with a new key. */
  reset(): void {
    this.idempotencyKey = newIdempotencyKey();
    this.#dirty = new Set();
    this.#startedFor = null;
  }

  /**
   * New prefill from the page or the attribute: applied to every field the user has not changed.
   * Returns the subject it set, if any (knowledge suggestions follow it).
   */
  applyPrefill(prefill: PrefillValues, signedIn: boolean): string | undefined {
    const schema = this.schema;
    if (!schema) return undefined;
    const picked = pickFieldValues(schema, prefill);
    const values = { ...this.values };
    for (const [id, v] of Object.entries(picked)) if (!this.#dirty.has(id)) values[id] = v;
    this.values = values;
    const requester = { ...this.requesterValues };
    for (const [k, v] of Object.entries(requesterPrefill(prefill, signedIn))) {
      if (!this.#dirty.has(requesterErrorKey(k as RequesterKey))) requester[k as RequesterKey] = v;
    }
    this.requesterValues = requester;
    this.host.requestUpdate();
    return typeof picked.subject === 'string' ? picked.subject : undefined;
  }

  /** The user's own edits, for the draft. */
  draftValues(): Pick<SupportFormDraft, 'values' | 'requester' | 'idempotencyKey'> {
    const values: FormValues = {};
    const requester: Partial<RequesterValues> = {};
    for (const key of this.#dirty) {
      if (key.startsWith(REQUESTER_PREFIX)) {
        const k = key.slice(REQUESTER_PREFIX.length) as RequesterKey;
        requester[k] = this.requesterValues[k];
      } else if (key in this.values) {
        values[key] = this.values[key];
      }
    }
    return { values, requester, idempotencyKey: this.idempotencyKey };
  }

  setValue(field: FormField, raw: unknown): void {
    this.values = { ...this.values, [field.id]: coerceValue(field, raw) };
    this.edited(field.id);
    if (field.id === 'subject') this.on.subject(String(raw ?? ''));
  }

  setRequester(key: RequesterKey, value: string): void {
    this.requesterValues = { ...this.requesterValues, [key]: value };
    this.edited(requesterErrorKey(key));
  }

  /** The user changed `key`: it is theirs now, and the server's error on it is gone. */
  edited(key: string): void {
    this.#dirty.add(key);
    if (key in this.serverErrors) {
      const { [key]: _gone, ...rest } = this.serverErrors;
      this.serverErrors = rest;
    }
    this.host.requestUpdate();
    this.on.edit();
  }

  touch(key: string): void {
    if (this.touched.has(key)) return;
    this.touched = new Set(this.touched).add(key);
    this.host.requestUpdate();
  }

  /** A submit was tried: every problem shows from now on. */
  markSubmitted(): void {
    this.submitted = true;
    this.host.requestUpdate();
  }

  /** The gateway's field errors by key; each goes once its field is edited. */
  setServerErrors(byKey: Record<string, string>): void {
    this.serverErrors = byKey;
    this.host.requestUpdate();
  }

  /** Every current problem by key, whether shown yet or not (Lion: "has error" apart from "shows error"). */
  verdict(
    schema: FormSchema,
    overrides: FieldOverrides,
    attachments: string[],
    requester: ResolvedRequesterField[],
    labels: IssueLabels,
  ): MappedIssues {
    return formVerdict(
      schema,
      this.values,
      overrides,
      { attachments, requester, requesterValues: this.requesterValues },
      labels,
    );
  }

  /** The errors on screen: server errors always, the form's own after a blur or a submit. */
  shownErrors(all: Record<string, string>): Record<string, string> {
    const shown: Record<string, string> = {};
    for (const [k, m] of Object.entries(all)) if (this.submitted || this.touched.has(k)) shown[k] = m;
    return { ...shown, ...this.serverErrors };
  }
}
