import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { supportFormStyles } from './support-form.styles.js';
import { ArticleSuggestionsController } from './article-suggestions.controller.js';
import { UploadController } from '../shared/upload.controller.js';
import { FormDraftController, type SupportFormDraft } from './form-draft.controller.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import {
  buildTicketRequest,
  coerceValue,
  defaultValues,
  localized,
  pickFieldValues,
  REQUESTER_KEYS,
  requesterFromUser,
  resolveFields,
  formVerdict,
  mapIssues,
  requesterErrorKey,
  resolveRequester,
  type FieldOverrides,
  type IssueLabels,
  type MappedIssues,
  type FormValues,
  type RequesterKey,
  type RequesterValues,
  type ResolvedField,
  type ResolvedRequesterField,
} from '../../core/form-model.js';
import { getPrefill, onPrefillChange, parsePrefillAttribute, type PrefillValues } from '../../core/prefill.js';
import { isUnauthorized, PorticoError, ValidationError } from '../../core/errors.js';
import { formatBytes } from '../../core/format.js';
import { problemText } from '../../core/problem-text.js';
import { getDraftStore, type DraftStore } from '../../core/drafts.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import type { FormField, FormSchema, PortalSettings, Ticket, User } from '../../protocol/index.js';

type Phase = 'editing' | 'submitting' | 'success';

interface Loaded {
  portal: PortalSettings;
  schema: FormSchema;
}

const requesterKey = requesterErrorKey;

/** A DOM id for an error key; schema ids may hold characters an id reference cannot. */
const domId = (key: string) => `f-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function splitList(value: string | null | undefined): Set<string> {
  return new Set((value ?? '').split(/[\s,]+/).filter(Boolean));
}

/**
 * The new-ticket form, built from the form schema the backend serves: typed
 * fields with localized labels, conditions, the requester block (TOPdesk's
 * caller block) as the portal configures it, attachments, knowledge
 * suggestions while the subject is typed, and a draft that survives a reload.
 *
 * Errors show only once a field was left or the form submitted. A submit
 * carries an Idempotency-Key made once per draft, so a retry never makes a
 * second ticket, and nothing typed is lost on failure.
 *
 * @event portico-before-submit - Cancelable. `{request}`: the host may change `detail.request` or call `preventDefault()` to send nothing.
 * @event portico-ticket-created - `{ticket}` after the gateway created the ticket.
 * @event portico-ticket-select - `{ticketId}` when the user opens the new ticket from the success view.
 *
 * @csspart base - The wrapper (also `success` in the success view).
 * @csspart heading - The form name.
 * @csspart form - The form element.
 * @csspart requester - The requester block.
 * @csspart field - Each field wrapper.
 * @csspart field-error - A field's error message.
 * @csspart error-summary - The list of problems after a failed submit.
 * @csspart form-error - A failure that is not about one field.
 * @csspart suggestions - The knowledge suggestions panel.
 * @csspart dropzone - The attachments drop target.
 * @csspart attachment-list - The attached files.
 * @csspart attachment - One attached file.
 * @csspart submit - The submit button.
 * @csspart ticket-link - The link to the new ticket in the success view.
 * @csspart new-request - The "New request" button in the success view.
 *
 * @cssproperty --portico-support-form-max-width - Maximum width of the form.
 * @cssproperty --portico-support-form-input-border - Border colour of inputs.
 */
export class PorticoSupportForm extends PorticoElement {
  static override styles = [tokens, supportFormStyles];

  /** The form schema to show; defaults to the configured `formId`, then `general`. */
  @property({ attribute: 'form-id' }) formId = '';

  /** JSON object of field values to start with, e.g. `{"subject":"Printer"}`; `requester.email` etc. for the requester block. */
  @property() prefill: string | null = null;

  /** Comma-separated field ids the host fills in itself (prefill) and the user does not see; their values are still sent. */
  @property({ attribute: 'hidden-fields' }) hiddenFields = '';

  /** Comma-separated field ids shown read-only. */
  @property({ attribute: 'readonly-fields' }) readonlyFields = '';

  @state() private values: FormValues = {};
  @state() private requesterValues: RequesterValues = requesterFromUser(null);
  @state() private touched = new Set<string>();
  @state() private submitted = false;
  @state() private serverErrors: Record<string, string> = {};
  @state() private formError: string | null = null;
  @state() private phase: Phase = 'editing';
  @state() private created: Ticket | null = null;
  @state() private dragging = false;
  /** Spoken once after a submit with problems (polite). */
  @state() private announcement = '';

  /** Keys the user changed: prefill never overwrites them and the draft keeps only them. */
  #dirty = new Set<string>();
  #idempotencyKey = newIdempotencyKey();
  #initializedFor: string | null = null;
  #schema: FormSchema | null = null;
  #focus: 'first-invalid' | 'form-error' | 'success' | 'heading' | null = null;
  #unsubscribePrefill?: () => void;

  private sessionWatch = new SessionWatchController(this, () => this.services?.session);

  private suggestions = new ArticleSuggestionsController(this, () => this.services?.backend);

  // Uploads keep going while the form is detached (a launcher panel closing): their results still land in the draft.
  private attachments = new UploadController(this, {
    backend: () => this.services?.backend,
    limits: () => this.loadTask.value?.portal.uploads,
    onChange: () => this.draft.schedule(),
  });

  private draft = new FormDraftController(this, {
    store: () => this.#draftStore(),
    formId: () => this.#schema?.id ?? null,
    snapshot: () => this.#snapshot(),
  });

  private loadTask = new Task(this, {
    task: async ([services, formId], { signal }): Promise<Loaded | null> => {
      if (!services) return null;
      const { backend } = services;
      const [portal, schema, session] = await Promise.all([
        backend.getPortal({ signal }),
        backend.getForm(formId, { signal }),
        services.session.load(signal),
      ]);
      await this.#initialize(schema, session?.user ?? null);
      return { portal, schema };
    },
    args: () => [this.services, this.effectiveFormId, this.sessionWatch.version] as const,
  });

  /** The form id in use: the attribute, else the configured default, else `general`. */
  get effectiveFormId(): string {
    return this.formId || this.services?.config.formId || 'general';
  }

  get #overrides(): FieldOverrides {
    return { hiddenFields: splitList(this.hiddenFields), readonlyFields: splitList(this.readonlyFields) };
  }

  get #signedIn(): boolean {
    return !!this.services?.session.session;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribePrefill = onPrefillChange((values) => this.#applyPrefill(values));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribePrefill?.();
  }

  // ------------------------------------------------------------ state

  /** The page's DraftStore for this backend (shared with every other element). */
  #draftStore(): DraftStore | undefined {
    const backend = this.services?.backend.baseUrl;
    return backend === undefined ? undefined : getDraftStore(backend);
  }

  #snapshot(): SupportFormDraft | null {
    if (!this.#schema || this.phase === 'success') return null;
    const values: FormValues = {};
    const requester: Partial<RequesterValues> = {};
    for (const key of this.#dirty) {
      if (key.startsWith('requester.')) {
        const k = key.slice('requester.'.length) as RequesterKey;
        requester[k] = this.requesterValues[k];
      } else if (key in this.values) {
        values[key] = this.values[key];
      }
    }
    return {
      values,
      requester,
      attachments: this.attachments.uploaded,
      idempotencyKey: this.#idempotencyKey,
    };
  }

  async #initialize(schema: FormSchema, user: User | null): Promise<void> {
    const key = `${this.services?.backend.baseUrl}|${schema.id}`;
    if (this.#initializedFor === key) {
      // Same form, the identity changed (signed in mid-way): keep what was typed, refresh the rest.
      this.#schema = schema;
      const fromUser = requesterFromUser(user);
      const next = { ...this.requesterValues };
      for (const k of REQUESTER_KEYS) if (!this.#dirty.has(requesterKey(k))) next[k] = fromUser[k];
      this.requesterValues = next;
      return;
    }
    const draft = await this.draft.load(schema.id);
    this.#initializedFor = key;
    this.#schema = schema;
    this.#dirty = new Set([
      ...Object.keys(draft?.values ?? {}),
      ...Object.keys(draft?.requester ?? {}).map((k) => requesterKey(k as RequesterKey)),
    ]);
    const prefill = { ...getPrefill(), ...parsePrefillAttribute(this.prefill) };
    this.values = {
      ...defaultValues(schema),
      ...pickFieldValues(schema, prefill),
      ...pickFieldValues(schema, draft?.values),
    };
    this.requesterValues = {
      ...requesterFromUser(user),
      ...this.#requesterPrefill(prefill, !!user),
      ...(draft?.requester ?? {}),
    };
    this.#idempotencyKey = draft?.idempotencyKey ?? newIdempotencyKey();
    this.attachments.restore(draft?.attachments ?? []);
    this.touched = new Set();
    this.submitted = false;
    this.serverErrors = {};
    this.formError = null;
    this.phase = 'editing';
    this.created = null;
  }

  /** `requester.*` prefill keys; a signed-in user's own details are not replaced. */
  #requesterPrefill(prefill: PrefillValues, signedIn: boolean): Partial<RequesterValues> {
    const out: Partial<RequesterValues> = {};
    if (signedIn) return out;
    for (const k of REQUESTER_KEYS) {
      const v = prefill[requesterKey(k)];
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  }

  /** New prefill from the page or the attribute: applied to every field the user has not changed. */
  #applyPrefill(prefill: PrefillValues): void {
    const schema = this.#schema;
    if (!schema) return;
    const picked = pickFieldValues(schema, prefill);
    const values = { ...this.values };
    for (const [id, v] of Object.entries(picked)) if (!this.#dirty.has(id)) values[id] = v;
    this.values = values;
    const requester = { ...this.requesterValues };
    for (const [k, v] of Object.entries(this.#requesterPrefill(prefill, this.#signedIn))) {
      if (!this.#dirty.has(requesterKey(k as RequesterKey))) requester[k as RequesterKey] = v;
    }
    this.requesterValues = requester;
    if (typeof picked.subject === 'string') this.suggestions.search(picked.subject);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('prefill') && changed.get('prefill') !== undefined && this.#schema) {
      this.#applyPrefill(parsePrefillAttribute(this.prefill));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const focus = this.#focus;
    if (!focus) return;
    this.#focus = null;
    const root = this.renderRoot as ShadowRoot;
    const target =
      focus === 'first-invalid'
        ? (root.querySelector<HTMLElement>('[data-invalid]') ?? root.querySelector<HTMLElement>('[part="form-error"]'))
        : focus === 'form-error'
          ? root.querySelector<HTMLElement>('[part="form-error"]')
          : root.querySelector<HTMLElement>('h2');
    target?.focus();
  }

  // ------------------------------------------------------------ editing

  #setValue(field: FormField, raw: unknown): void {
    this.values = { ...this.values, [field.id]: coerceValue(field, raw) };
    this.#edited(field.id);
    if (field.id === 'subject') this.suggestions.search(String(raw ?? ''));
  }

  #setRequester(key: RequesterKey, value: string): void {
    this.requesterValues = { ...this.requesterValues, [key]: value };
    this.#edited(requesterKey(key));
  }

  #edited(key: string): void {
    this.#dirty.add(key);
    if (key in this.serverErrors) {
      const { [key]: _gone, ...rest } = this.serverErrors;
      this.serverErrors = rest;
    }
    this.draft.schedule();
  }

  #touch(key: string): void {
    if (this.touched.has(key)) return;
    this.touched = new Set(this.touched).add(key);
  }

  // ------------------------------------------------------------ validation

  get #fileField(): FormField | undefined {
    return this.#schema?.fields.find((f) => f.type === 'file');
  }

  #requesterLabels(): Record<RequesterKey, string> {
    return {
      name: msg('Name', { id: 'supportForm.requester.name' }),
      email: msg('E-mail address', { id: 'supportForm.requester.email' }),
      phone: msg('Phone number', { id: 'supportForm.requester.phone' }),
      organization: msg('Organisation', { id: 'supportForm.requester.organization' }),
    };
  }

  #issueLabels(data: Loaded): IssueLabels {
    return {
      requester: this.#requesterLabels(),
      request: {
        subject: msg('Subject', { id: 'supportForm.request.subject' }),
        body: msg('Description', { id: 'supportForm.request.body' }),
        attachments: msg('Attachments', { id: 'supportForm.request.attachments' }),
      },
      locale: this.locale,
      uploads: data.portal.uploads,
    };
  }

  /** Every current problem by key, whether shown yet or not (Lion: "has error" apart from "shows error"). */
  #clientErrors(data: Loaded, requester: ResolvedRequesterField[]): MappedIssues {
    return formVerdict(
      data.schema,
      this.values,
      this.#overrides,
      { attachments: this.attachments.ids, requester, requesterValues: this.requesterValues },
      this.#issueLabels(data),
    );
  }

  /** The errors on screen: server errors always, the form's own after a blur or a submit. */
  #shownErrors(all: Record<string, string>): Record<string, string> {
    const shown: Record<string, string> = {};
    for (const [k, m] of Object.entries(all)) if (this.submitted || this.touched.has(k)) shown[k] = m;
    return { ...shown, ...this.serverErrors };
  }

  // ------------------------------------------------------------ submit

  async #onSubmit(event: Event, data: Loaded): Promise<void> {
    event.preventDefault();
    if (this.phase !== 'editing') return;
    const services = this.services;
    if (!services) return;
    const anonymous = !this.#signedIn;
    const requester = resolveRequester(data.portal.requester, anonymous);
    this.submitted = true;
    this.formError = null;

    const verdict = this.#clientErrors(data, requester);
    const count = Object.keys({ ...verdict.byKey, ...this.serverErrors }).length + verdict.other.length;
    if (count > 0) {
      this.formError = verdict.other.length ? verdict.other.join(' ') : null;
      this.announcement =
        count === 1
          ? msg('There is 1 problem with your request.', { id: 'supportForm.summary.one' })
          : msg(str`There are ${count} problems with your request.`, { id: 'supportForm.summary.many' });
      this.#focus = 'first-invalid';
      return;
    }
    if (this.attachments.uploading) {
      this.formError = msg('Wait until your files have finished uploading, then send again.', {
        id: 'supportForm.error.uploading',
      });
      this.#focus = 'form-error';
      return;
    }

    const detail = {
      request: buildTicketRequest(data.schema, this.values, this.#overrides, {
        attachments: this.attachments.ids,
        requester,
        requesterValues: this.requesterValues,
      }),
    };
    // The host may change detail.request, or cancel: then nothing is sent.
    if (!this.emit('portico-before-submit', detail)) return;

    this.phase = 'submitting';
    // The key must be on disk before the request leaves, so a crash mid-way retries with it.
    await this.draft.flush();
    try {
      const ticket = await services.backend.createTicket(detail.request, { idempotencyKey: this.#idempotencyKey });
      this.#focus = 'success';
      this.created = ticket;
      this.phase = 'success';
      // Gone before anyone hears of the ticket, so nothing restores a draft that was already sent.
      await this.draft.remove(data.schema.id);
      this.emit('portico-ticket-created', { ticket });
    } catch (err) {
      this.phase = 'editing';
      this.#handleSubmitError(err, data);
    }
  }

  #handleSubmitError(err: unknown, data: Loaded): void {
    if (err instanceof ValidationError) {
      const requester = resolveRequester(data.portal.requester, !this.#signedIn);
      const { byKey, other } = mapIssues(
        err.problem.errors ?? [],
        data.schema,
        this.values,
        this.#overrides,
        requester,
        this.#issueLabels(data),
      );
      this.serverErrors = byKey;
      if (Object.keys(byKey).length > 0) {
        this.formError = other.length ? other.join(' ') : null;
        this.#focus = 'first-invalid';
        return;
      }
      this.formError = other.join(' ') || problemText(err);
    } else if (isUnauthorized(err)) {
      this.formError = msg('You were signed out. Sign in again; what you entered is kept.', {
        id: 'supportForm.error.signedOut',
      });
      void this.draft.flush().then(() => this.services?.session.expire());
    } else {
      const reason = err instanceof PorticoError && err.status >= 400 && err.status < 500 ? ` ${problemText(err)}` : '';
      this.formError =
        msg('Your request could not be sent. Nothing you entered is lost; please try again.', {
          id: 'supportForm.error.send',
        }) + reason;
    }
    this.#focus = 'form-error';
  }

  #startNew(): void {
    this.#idempotencyKey = newIdempotencyKey();
    this.#dirty = new Set();
    this.#initializedFor = null;
    this.attachments.clear();
    this.suggestions.clear();
    this.phase = 'editing';
    this.created = null;
    this.#focus = 'heading';
    // Re-runs the load (cheap, cached by the browser) so defaults and prefill apply afresh.
    void this.loadTask.run();
  }

  // ------------------------------------------------------------ render

  override render() {
    if (!this.services) {
      return html`<p part="base" role="alert">
        ${msg('Portico is not configured: no backend is set.', { id: 'common.notConfigured' })}
      </p>`;
    }
    return this.loadTask.render({
      pending: () =>
        html`<div part="base" aria-busy="true"><p role="status">${msg('Loading…', { id: 'common.loading' })}</p></div>`,
      error: (err) => html`<div part="base">
        <p role="alert" class="error">
          ${msg(str`The form could not be loaded: ${problemText(err)}`, {
            id: 'supportForm.loadError',
          })}
        </p>
        <div class="actions">
          <button class="button" type="button" @click=${() => this.loadTask.run()}>
            ${msg('Retry', { id: 'common.retry' })}
          </button>
        </div>
      </div>`,
      complete: (data) => (data ? this.#renderLoaded(data) : nothing),
    });
  }

  #renderLoaded(data: Loaded) {
    const anonymous = !this.#signedIn;
    if (anonymous && !data.portal.anonymousTickets) {
      return html`<div part="base">
        <p>${msg('Sign in to send a request.', { id: 'supportForm.signInFirst' })}</p>
        <portico-sign-in></portico-sign-in>
      </div>`;
    }
    if (this.phase === 'success' && this.created) return this.#renderSuccess(this.created, anonymous);

    const locale = this.locale;
    const requester = resolveRequester(data.portal.requester, anonymous);
    const all = this.#clientErrors(data, requester);
    const shown = this.#shownErrors(all.byKey);
    const resolved = resolveFields(data.schema, this.values, this.#overrides);
    const submitting = this.phase === 'submitting';

    // The summary lists problems in the order the fields appear.
    const order: Array<{ key: string; label: string }> = [
      ...requester
        .filter((r) => r.shown)
        .map((r) => ({ key: requesterKey(r.key), label: this.#requesterLabels()[r.key] })),
      ...resolved.filter((r) => r.shown).map((r) => ({ key: r.field.id, label: localized(r.field.label, locale) })),
    ];
    const problems = this.submitted ? order.filter((o) => shown[o.key]) : [];

    return html`<div part="base">
      <div>
        <h2 part="heading" tabindex="-1">${localized(data.schema.name, locale)}</h2>
        ${data.schema.description ? html`<p class="note">${localized(data.schema.description, locale)}</p>` : nothing}
      </div>
      ${
        problems.length
          ? html`<div part="error-summary" role="group" aria-labelledby="error-summary-heading">
            <h3 id="error-summary-heading">${msg('Please correct the following:', { id: 'supportForm.summary.heading' })}</h3>
            <ul>
              ${problems.map(
                (p) => html`<li>
                  <a href="#${domId(p.key)}" @click=${(e: Event) => this.#focusField(e, p.key)}>${p.label}: ${shown[p.key]}</a>
                </li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
      ${
        this.formError
          ? html`<div part="form-error" role="alert" tabindex="-1"><p>${this.formError}</p></div>`
          : nothing
      }
      <form
        part="form"
        novalidate
        aria-busy=${submitting ? 'true' : 'false'}
        @submit=${(e: Event) => this.#onSubmit(e, data)}
        @paste=${(e: ClipboardEvent) => this.#onPaste(e, data)}
      >
        <p class="note">
          ${msg('Fields marked with * are required.', { id: 'supportForm.requiredNote' })}
        </p>
        ${this.#renderRequester(requester, shown, anonymous)}
        ${resolved.filter((r) => r.shown).map((r) => this.#renderField(r, shown[r.field.id], data))}
        <div class="actions">
          <button part="submit" class="button primary" type="submit" aria-disabled=${submitting ? 'true' : 'false'}>
            ${
              submitting
                ? html`<span class="spinner" aria-hidden="true"></span>${msg('Sending…', { id: 'supportForm.sending' })}`
                : msg('Send request', { id: 'supportForm.submit' })
            }
          </button>
        </div>
      </form>
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </div>`;
  }

  #focusField(event: Event, key: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${domId(key)}`)?.focus();
  }

  #describedBy(key: string, hasHelp: boolean, error: string | undefined): string | typeof nothing {
    const ids = [hasHelp ? `${domId(key)}-help` : '', error ? `${domId(key)}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  #label(key: string, text: string, required: boolean) {
    return html`<label for=${domId(key)}
      >${text}${required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}</label
    >`;
  }

  #error(key: string, error: string | undefined) {
    return error ? html`<p part="field-error" class="field-error" id="${domId(key)}-error">${error}</p>` : nothing;
  }

  #renderRequester(requester: ResolvedRequesterField[], shown: Record<string, string>, anonymous: boolean) {
    const visible = requester.filter((r) => r.shown);
    if (!visible.length) return nothing;
    const labels = this.#requesterLabels();
    const autocomplete: Record<RequesterKey, string> = {
      name: 'name',
      email: 'email',
      phone: 'tel',
      organization: 'organization',
    };
    const types: Record<RequesterKey, string> = { name: 'text', email: 'email', phone: 'tel', organization: 'text' };
    return html`<fieldset part="requester">
      <legend>
        ${
          anonymous
            ? msg('Your contact details', { id: 'supportForm.requester.legendAnonymous' })
            : msg('Requester', { id: 'supportForm.requester.legend' })
        }
      </legend>
      ${visible.map((r) => {
        const key = requesterKey(r.key);
        const error = shown[key];
        return html`<div class="field" part="field">
          ${this.#label(key, labels[r.key], r.required)}
          <input
            id=${domId(key)}
            name=${key}
            type=${types[r.key]}
            autocomplete=${autocomplete[r.key]}
            ?readonly=${!r.editable}
            ?required=${r.required}
            aria-invalid=${error ? 'true' : 'false'}
            ?data-invalid=${!!error}
            aria-describedby=${this.#describedBy(key, false, error)}
            .value=${this.requesterValues[r.key]}
            @input=${(e: Event) => this.#setRequester(r.key, (e.target as HTMLInputElement).value)}
            @blur=${() => this.#touch(key)}
          />
          ${this.#error(key, error)}
        </div>`;
      })}
    </fieldset>`;
  }

  #renderField(r: ResolvedField, error: string | undefined, data: Loaded): TemplateResult {
    const { field } = r;
    const locale = this.locale;
    const key = field.id;
    const id = domId(key);
    const label = localized(field.label, locale);
    const help = localized(field.help, locale);
    const value = this.values[key];
    const describedBy = this.#describedBy(key, !!help, error);
    const helpText = help ? html`<p class="help" id="${id}-help">${help}</p>` : nothing;
    const onInput = (e: Event) => this.#setValue(field, (e.target as HTMLInputElement).value);
    const onBlur = () => this.#touch(key);
    const readonly = !r.editable;

    switch (field.type) {
      case 'textarea':
        return html`<div class="field" part="field">
          ${this.#label(key, label, r.required)} ${helpText}
          <textarea
            id=${id}
            name=${key}
            rows="5"
            ?readonly=${readonly}
            ?required=${r.required}
            maxlength=${field.maxLength ?? nothing}
            aria-invalid=${error ? 'true' : 'false'}
            ?data-invalid=${!!error}
            aria-describedby=${describedBy}
            .value=${String(value ?? '')}
            @input=${onInput}
            @blur=${onBlur}
          ></textarea>
          ${this.#error(key, error)}
        </div>`;
      case 'select':
        return html`<div class="field" part="field">
          ${this.#label(key, label, r.required)} ${helpText}
          <select
            id=${id}
            name=${key}
            ?disabled=${readonly}
            ?required=${r.required}
            aria-invalid=${error ? 'true' : 'false'}
            ?data-invalid=${!!error}
            aria-describedby=${describedBy}
            @change=${onInput}
            @blur=${onBlur}
          >
            <option value="" ?selected=${!value}>${msg('Choose…', { id: 'supportForm.choose' })}</option>
            ${(field.options ?? []).map(
              (o) =>
                html`<option value=${o.value} ?selected=${value === o.value}>${localized(o.label, locale)}</option>`,
            )}
          </select>
          ${this.#error(key, error)}
        </div>`;
      case 'checkbox':
        return html`<div class="field checkbox" part="field">
          <input
            id=${id}
            name=${key}
            type="checkbox"
            ?disabled=${readonly}
            ?required=${r.required}
            aria-invalid=${error ? 'true' : 'false'}
            ?data-invalid=${!!error}
            aria-describedby=${describedBy}
            .checked=${value === true}
            @change=${(e: Event) => this.#setValue(field, (e.target as HTMLInputElement).checked)}
            @blur=${onBlur}
          />
          ${this.#label(key, label, r.required)} ${helpText} ${this.#error(key, error)}
        </div>`;
      case 'file':
        return this.#renderAttachments(r, label, help, error, data);
      default: {
        const type = field.type === 'number' || field.type === 'email' || field.type === 'date' ? field.type : 'text';
        return html`<div class="field" part="field">
          ${this.#label(key, label, r.required)} ${helpText}
          <input
            id=${id}
            name=${key}
            type=${type}
            ?readonly=${readonly}
            ?required=${r.required}
            min=${field.type === 'number' && typeof field.min === 'number' ? field.min : nothing}
            max=${field.type === 'number' && typeof field.max === 'number' ? field.max : nothing}
            maxlength=${field.type === 'text' && field.maxLength ? field.maxLength : nothing}
            inputmode=${field.type === 'email' ? 'email' : nothing}
            autocomplete=${field.type === 'email' ? 'email' : 'off'}
            aria-invalid=${error ? 'true' : 'false'}
            ?data-invalid=${!!error}
            aria-describedby=${describedBy}
            .value=${value === null || value === undefined ? '' : String(value)}
            @input=${onInput}
            @blur=${onBlur}
          />
          ${this.#error(key, error)}
        </div>
        ${key === 'subject' && data.portal.capabilities.articles !== false ? this.#renderSuggestions() : nothing}`;
      }
    }
  }

  #renderSuggestions() {
    const articles = this.suggestions.articles;
    const n = articles.length;
    const announce =
      n === 0
        ? ''
        : n === 1
          ? msg('1 suggested article', { id: 'supportForm.suggestions.one' })
          : msg(str`${n} suggested articles`, { id: 'supportForm.suggestions.many' });
    return html`${
      n
        ? html`<section part="suggestions" aria-labelledby="suggestions-heading">
            <h3 id="suggestions-heading">
              ${msg('These articles may answer your question', { id: 'supportForm.suggestions.heading' })}
            </h3>
            <ul>
              ${articles.map((a) => {
                const url = safeHttpUrl(a.url);
                return html`<li>
                  ${
                    url
                      ? html`<a href=${url} target="_blank" rel="noopener noreferrer"
                        >${a.title}<span class="visually-hidden">
                          ${msg('(opens in a new tab)', { id: 'supportForm.newTab' })}</span
                        ></a
                      >`
                      : html`<strong>${a.title}</strong>`
                  }
                  ${a.excerpt ? html`<p class="help">${a.excerpt}</p>` : nothing}
                </li>`;
              })}
            </ul>
          </section>`
        : nothing
    }
      <div class="visually-hidden" role="status" aria-live="polite" part="suggestions-status">${announce}</div>`;
  }

  // ------------------------------------------------------------ attachments

  #fileInput(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]');
  }

  #onPaste(event: ClipboardEvent, data: Loaded): void {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (!files.length || !this.#canAttach(data)) return;
    // A pasted screenshot becomes an attachment; pasted text still goes where it was pasted.
    if (!event.clipboardData?.types.includes('text/plain')) event.preventDefault();
    this.attachments.add(files);
    this.#edited(this.#fileField!.id);
  }

  #canAttach(data: Loaded): boolean {
    const field = this.#fileField;
    if (!field || data.portal.capabilities.attachments === false) return false;
    return resolveFields(data.schema, this.values, this.#overrides).some(
      (r) => r.field.id === field.id && r.shown && r.editable,
    );
  }

  #onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length) {
      this.attachments.add(files);
      this.#edited(this.#fileField!.id);
    }
  }

  #renderAttachments(r: ResolvedField, label: string, help: string, error: string | undefined, data: Loaded) {
    if (data.portal.capabilities.attachments === false) return html``;
    const key = r.field.id;
    const id = domId(key);
    const limits = data.portal.uploads;
    const locale = this.locale;
    const maxSize = formatBytes(limits.maxBytes, locale);
    const limitText = [
      limits.maxFiles > 0
        ? msg(str`Up to ${limits.maxFiles} files of at most ${maxSize} each.`, { id: 'supportForm.attach.limits' })
        : msg(str`Files of at most ${maxSize} each.`, { id: 'supportForm.attach.limitSize' }),
      limits.allowedTypes.length
        ? msg(str`Allowed: ${limits.allowedTypes.join(', ')}.`, { id: 'supportForm.attach.types' })
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    const describedBy = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const readonly = !r.editable;
    return html`<div class="field" part="field" role="group" aria-labelledby="${id}-label">
      <span class="label" id="${id}-label"
        >${label}${r.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}</span
      >
      <div
        part="dropzone"
        class=${this.dragging ? 'dragging' : ''}
        @dragover=${(e: DragEvent) => {
          if (readonly) return;
          e.preventDefault();
          this.dragging = true;
        }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${(e: DragEvent) => (readonly ? undefined : this.#onDrop(e))}
      >
        <button
          id=${id}
          class="button"
          type="button"
          ?disabled=${readonly}
          ?data-invalid=${!!error}
          aria-describedby=${describedBy}
          @click=${() => this.#fileInput()?.click()}
          @blur=${() => this.#touch(key)}
        >
          ${msg('Add files', { id: 'supportForm.attach.add' })}
        </button>
        <span class="help">${msg('or drop or paste them here', { id: 'supportForm.attach.dropHint' })}</span>
        <input
          type="file"
          multiple
          hidden
          tabindex="-1"
          accept=${limits.allowedTypes.length ? limits.allowedTypes.join(',') : nothing}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.attachments.add(Array.from(input.files ?? []));
            this.#edited(key);
            input.value = '';
          }}
        />
      </div>
      <p class="help" id="${id}-help">${[help, limitText].filter(Boolean).join(' ')}</p>
      ${this.#error(key, error)}
      ${
        this.attachments.items.length
          ? html`<ul part="attachment-list">
            ${this.attachments.items.map((item) => {
              const state =
                item.status === 'uploading'
                  ? msg('uploading', { id: 'supportForm.attach.uploading' })
                  : item.status === 'done'
                    ? msg('uploaded', { id: 'supportForm.attach.done' })
                    : msg('not attached', { id: 'supportForm.attach.notAttached' });
              return html`<li part="attachment ${item.status}" data-status=${item.status}>
                <span class="name"><span class="file-name">${item.name}</span> <span class="help">(${formatBytes(item.size, locale)}, ${state})</span></span>
                <span class="row-actions">
                  ${
                    item.status === 'failed' && item.file
                      ? html`<button class="link" type="button" @click=${() => this.attachments.retry(item.key)}>
                        ${msg('Retry', { id: 'common.retry' })}<span class="visually-hidden"> ${item.name}</span>
                      </button>`
                      : nothing
                  }
                  <button
                    class="link"
                    type="button"
                    aria-label=${msg(str`Remove ${item.name}`, { id: 'supportForm.attach.remove' })}
                    @click=${() => {
                      this.attachments.remove(item.key);
                      this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
                    }}
                  >
                    ${msg('Remove', { id: 'supportForm.attach.removeShort' })}
                  </button>
                </span>
                ${
                  item.status === 'uploading'
                    ? html`<progress
                      max="1"
                      .value=${item.progress}
                      aria-label=${msg(str`Uploading ${item.name}`, { id: 'supportForm.attach.progress' })}
                    ></progress>`
                    : nothing
                }
                ${item.error ? html`<p class="field-error" role="alert">${item.error}</p>` : nothing}
              </li>`;
            })}
          </ul>`
          : nothing
      }
    </div>`;
  }

  // ------------------------------------------------------------ success

  #renderSuccess(ticket: Ticket, anonymous: boolean) {
    const number = ticket.number;
    return html`<div part="base success">
      <h2 tabindex="-1">${msg('Thank you — your request was sent', { id: 'supportForm.success.heading' })}</h2>
      <p>${msg(str`Your ticket number is ${number}.`, { id: 'supportForm.success.number' })}</p>
      <div class="actions">
        ${
          anonymous
            ? nothing
            : html`<a
              part="ticket-link"
              href="#ticket-${encodeURIComponent(ticket.id)}"
              @click=${(e: Event) => {
                e.preventDefault();
                this.emit('portico-ticket-select', { ticketId: ticket.id });
              }}
              >${msg(str`View ticket ${number}`, { id: 'supportForm.success.view' })}</a
            >`
        }
        <button part="new-request" class="button" type="button" @click=${() => this.#startNew()}>
          ${msg('New request', { id: 'supportForm.success.new' })}
        </button>
      </div>
    </div>`;
  }
}
