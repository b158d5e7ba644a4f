import { nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { UploadController } from '../shared/upload.controller.js';
import { uploadListStyles } from '../shared/upload-list.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { renderLoading, renderNotConfigured, renderSignedOut, stateViewStyles } from '../shared/state-views.js';
import { renderLoadError } from '../shared/load-error.js';
import { supportFormStyles } from './support-form.styles.js';
import { ArticleSuggestionsController } from './article-suggestions.controller.js';
import { draftKey, FormDraftController, type SupportFormDraft } from './form-draft.controller.js';
import { FormEntryController } from './form-entry.controller.js';
import { issueLabels } from './form-labels.js';
import { canAttach, takePastedFiles, type AttachmentsContext } from './attachments-field.js';
import { problemCountText, submitFailure, uploadsHoldingSubmit } from './form-submit.js';
import { focusTarget, renderQueued, renderSuccess, type FocusTarget } from './form-views.js';
import { FormOutboxController } from './form-outbox.controller.js';
import { renderFormBody } from './form-body.js';
import { loadSupportForm, type Loaded, type ReadyForm } from './form-load.js';
import { renderChangeForm, renderFormPicker } from './form-picker.js';
import {
  buildTicketRequest,
  mapIssues,
  resolveFields,
  resolveRequester,
  type FieldOverrides,
  type MappedIssues,
  type ResolvedRequesterField,
} from '../../core/form-model.js';
import { getPrefill, onPrefillChange, parsePrefillAttribute, type PrefillValues } from '../../core/prefill.js';
import { draftFilesKey, getDraftStore } from '../../core/drafts.js';
import { splitList } from '../../core/config.js';
import type { FormField, FormSchema, Ticket, User } from '../../protocol/index.js';

/** `queued`: in the outbox, waiting for the helpdesk to be reachable (or for sign-in). */
type Phase = 'editing' | 'submitting' | 'queued' | 'success';

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
 * @event portico-form-select - `{formId}` when the person picks a form (null: back to the list of forms).
 *
 * @csspart base - The wrapper (also `success` in the success view).
 * @csspart state - The loading, load error and signed-out views.
 * @csspart heading - The form name (or the picker's question).
 * @csspart form-picker - The list of forms to choose from; each is a `form-choice`.
 * @csspart change-form - "Choose another kind of request", above a picked form.
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
  static override styles = [tokens, stateViewStyles, uploadListStyles, supportFormStyles];

  /**
   * The form to show, fixed by the host; else the configured `formId`; else
   * the person picks one of the portal's forms (a single form is used as it is).
   */
  @property({ attribute: 'form-id' }) formId = '';

  /** The form picked (picker, deep link, `Portico.open('new', {formId})`); wins over `form-id`. */
  @property({ attribute: false }) pickedFormId = '';

  /** JSON object of field values to start with, e.g. `{"subject":"Printer"}`; `requester.email` etc. for the requester block. */
  @property() prefill: string | null = null;

  /** Comma-separated field ids the host fills in itself (prefill) and the user does not see; their values are still sent. */
  @property({ attribute: 'hidden-fields' }) hiddenFields = '';

  /** Comma-separated field ids shown read-only. */
  @property({ attribute: 'readonly-fields' }) readonlyFields = '';

  @state() private formError: string | null = null;
  @state() private phase: Phase = 'editing';
  @state() private created: Ticket | null = null;
  @state() private dragging = false;
  /** Spoken once after a submit with problems (polite). */
  @state() private announcement = '';

  #focus: FocusTarget | null = null;
  #unsubscribePrefill?: () => void;

  private sessionWatch = new SessionWatchController(this, () => this.services?.session);

  private suggestions = new ArticleSuggestionsController(
    this,
    () => this.services?.backend,
    () => this.locale,
  );

  private entry = new FormEntryController(this, {
    edit: () => this.draft.schedule(),
    subject: (text) => this.suggestions.search(text),
  });

  // Uploads keep going while the form is detached (a launcher panel closing): their results still land in the draft.
  // A file that cannot reach the helpdesk waits and goes with the request (the outbox uploads it).
  // The files are kept beside the draft (not uploaded yet: the File itself), so a reload brings them back.
  private attachments = new UploadController(this, {
    backend: () => this.services?.backend,
    limits: () => this.loadTask.value?.portal.uploads,
    onChange: () => this.draft.schedule(),
    whenUnreachable: 'wait',
    draft: () => {
      const formId = this.entry.schema?.id;
      return this.services && formId
        ? { store: getDraftStore(this.services.backend.baseUrl), key: draftFilesKey(draftKey(formId)) }
        : null;
    },
  });

  private draft = new FormDraftController(this, {
    // The page's DraftStore for this backend (shared with every other element).
    store: () => (this.services ? getDraftStore(this.services.backend.baseUrl) : undefined),
    formId: () => this.entry.schema?.id ?? null,
    snapshot: () => this.#snapshot(),
  });

  private outbox = new FormOutboxController(this, {
    services: () => this.services,
    onSent: (ticket) => void this.#created(ticket),
    onRefused: (err) => {
      this.phase = 'editing';
      const data = this.loadTask.value;
      if (data?.schema) this.#handleSubmitError(err, data as ReadyForm);
    },
    onWaiting: () => {
      if (this.outbox.waiting && (this.phase === 'submitting' || this.phase === 'editing')) {
        this.phase = 'queued';
        this.#focus = 'heading';
      }
    },
  });

  private loadTask = new Task(this, {
    task: async ([services, fixed, picked], { signal }): Promise<Loaded | null> => {
      if (!services) return null;
      const loaded = await loadSupportForm(services, { fixed, picked }, signal);
      if (loaded.schema) await this.#initialize(loaded.schema, loaded.session?.user ?? null);
      return loaded;
    },
    args: () => [this.services, this.#fixedFormId, this.pickedFormId, this.sessionWatch.version] as const,
  });

  /** The form the host fixed: the attribute, else the configured `formId`; empty: the person picks. */
  get #fixedFormId(): string {
    return this.formId || this.services?.config.formId || '';
  }

  /** The picker's choice: loads that form and tells the host (`portico-form-select`), e.g. for the portal's deep link. */
  pickForm(formId: string | null): void {
    this.pickedFormId = formId ?? '';
    this.#focus = 'heading';
    this.emit('portico-form-select', { formId });
  }

  get #overrides(): FieldOverrides {
    return {
      hiddenFields: new Set(splitList(this.hiddenFields)),
      readonlyFields: new Set(splitList(this.readonlyFields)),
    };
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

  #snapshot(): SupportFormDraft | null {
    if (!this.entry.schema || this.phase === 'success') return null;
    return this.entry.draftValues();
  }

  async #initialize(schema: FormSchema, user: User | null): Promise<void> {
    const key = `${this.services?.backend.baseUrl}|${schema.id}`;
    if (this.entry.isFor(key)) {
      this.entry.refresh(schema, user);
      return;
    }
    const draft = await this.draft.load(schema.id);
    this.entry.start(key, schema, user, draft, { ...getPrefill(), ...parsePrefillAttribute(this.prefill) });
    this.attachments.clear();
    // A draft saved before files were kept on their own holds its uploaded attachments itself.
    await this.attachments.restoreSaved(draft?.attachments);
    this.formError = null;
    this.phase = 'editing';
    this.created = null;
    // Sent from an earlier page load and still in the outbox: it shows as waiting, never as a second submit.
    if (draft && (await this.outbox.resume(draft.idempotencyKey)) && this.phase === 'editing') {
      this.phase = this.outbox.waiting ? 'queued' : 'submitting';
    }
  }

  /** New prefill from the page or the attribute: applied to every field the user has not changed. */
  #applyPrefill(prefill: PrefillValues): void {
    const subject = this.entry.applyPrefill(prefill, this.#signedIn);
    if (subject !== undefined) this.suggestions.search(subject);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('prefill') && changed.get('prefill') !== undefined && this.entry.schema) {
      this.#applyPrefill(parsePrefillAttribute(this.prefill));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const focus = this.#focus;
    // A form still loading (just picked) takes the focus once it is there.
    if (!focus || this.loadTask.status === TaskStatus.PENDING) return;
    this.#focus = null;
    focusTarget(this.renderRoot as ShadowRoot, focus)?.focus();
  }

  // ------------------------------------------------------------ editing

  get #fileField(): FormField | undefined {
    return this.entry.schema?.fields.find((f) => f.type === 'file');
  }

  #attachmentsContext(data: ReadyForm): AttachmentsContext {
    return {
      locale: this.locale,
      uploads: this.attachments,
      limits: data.portal.uploads,
      dragging: this.dragging,
      setDragging: (on) => (this.dragging = on),
      add: (files) => this.#addFiles(files),
      touch: (key) => this.entry.touch(key),
      root: this.renderRoot,
    };
  }

  #addFiles(files: File[]): void {
    this.attachments.add(files);
    this.entry.edited(this.#fileField!.id);
  }

  #onPaste(event: ClipboardEvent, data: ReadyForm): void {
    const files = takePastedFiles(event, () =>
      canAttach(data.portal, resolveFields(data.schema, this.entry.values, this.#overrides)),
    );
    if (files.length) this.#addFiles(files);
  }

  /** Every current problem by key, whether shown yet or not. */
  #clientErrors(data: ReadyForm, requester: ResolvedRequesterField[]): MappedIssues {
    return this.entry.verdict(
      data.schema,
      this.#overrides,
      // Files waiting to go with the request count as attached.
      [...this.attachments.ids, ...this.attachments.waiting.map((w) => w.key)],
      requester,
      issueLabels(this.locale, data.portal.uploads),
    );
  }

  // ------------------------------------------------------------ submit

  async #onSubmit(event: Event, data: ReadyForm): Promise<void> {
    event.preventDefault();
    if (this.phase !== 'editing') return;
    const services = this.services;
    if (!services) return;
    const anonymous = !this.#signedIn;
    const requester = resolveRequester(data.portal.requester, anonymous);
    this.entry.markSubmitted();
    this.formError = null;

    const verdict = this.#clientErrors(data, requester);
    const count = Object.keys({ ...verdict.byKey, ...this.entry.serverErrors }).length + verdict.other.length;
    if (count > 0) {
      this.formError = verdict.other.length ? verdict.other.join(' ') : null;
      this.announcement = problemCountText(count);
      this.#focus = 'first-invalid';
      return;
    }
    const held = uploadsHoldingSubmit(this.attachments);
    if (held) {
      this.formError = held;
      this.#focus = 'form-error';
      return;
    }

    const detail = {
      request: buildTicketRequest(data.schema, this.entry.values, this.#overrides, {
        attachments: this.attachments.ids,
        requester,
        requesterValues: this.entry.requesterValues,
      }),
    };
    // The host may change detail.request, or cancel: then nothing is sent.
    if (!this.emit('portico-before-submit', detail)) return;

    this.phase = 'submitting';
    // The key must be on disk before the request leaves, so a crash mid-way retries with it.
    await this.draft.flush();
    // The outbox stores it, sends it and, when that fails, keeps trying with the same key.
    const files = this.attachments.waiting.map(({ name, file }) => ({ name, file }));
    this.outbox.send(detail.request, this.entry.idempotencyKey, files);
  }

  async #created(ticket: Ticket): Promise<void> {
    this.#focus = 'success';
    this.created = ticket;
    this.phase = 'success';
    this.formError = null;
    // Gone before anyone hears of the ticket, so nothing restores a draft that was already sent.
    const formId = this.entry.schema?.id;
    if (formId) await this.draft.remove(formId);
    this.emit('portico-ticket-created', { ticket });
  }

  async #cancelQueued(): Promise<void> {
    if (!(await this.outbox.cancel())) return;
    this.phase = 'editing';
    this.#focus = 'heading';
  }

  #handleSubmitError(err: unknown, data: ReadyForm): void {
    const failure = submitFailure(err, (issues) =>
      mapIssues(
        issues,
        data.schema,
        this.entry.values,
        this.#overrides,
        resolveRequester(data.portal.requester, !this.#signedIn),
        issueLabels(this.locale, data.portal.uploads),
      ),
    );
    if (failure.serverErrors) this.entry.setServerErrors(failure.serverErrors);
    this.formError = failure.formError;
    this.#focus = failure.focus;
    // The client's 401 hook has ended the session; what was typed goes to disk now, for after sign-in.
    if (failure.signedOut) void this.draft.flush();
  }

  #startNew(): void {
    this.entry.reset();
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
    if (!this.services) return renderNotConfigured();
    return this.loadTask.render({
      pending: () => renderLoading(),
      error: (err) =>
        renderLoadError(msg('The form could not be loaded.', { id: 'supportForm.loadFailed' }), err, () =>
          this.loadTask.run(),
        ),
      complete: (data) => (data ? this.#renderLoaded(data) : nothing),
    });
  }

  #renderLoaded(data: Loaded) {
    const anonymous = !this.#signedIn;
    if (anonymous && !data.portal.anonymousTickets) {
      return renderSignedOut(msg('Sign in to send a request.', { id: 'supportForm.signInFirst' }), { signIn: true });
    }
    if (this.phase === 'success' && this.created) {
      return renderSuccess(this.created, anonymous, {
        view: (ticket) => this.emit('portico-ticket-select', { ticketId: ticket.id }),
        startNew: () => this.#startNew(),
      });
    }

    if (this.phase === 'queued') {
      return renderQueued(
        this.entry.values.subject ? String(this.entry.values.subject) : '',
        this.outbox.waiting?.state === 'signed-out',
        {
          cancel: () => void this.#cancelQueued(),
          retry: () => this.outbox.retry(),
        },
      );
    }
    if (!data.schema) return renderFormPicker(data.forms ?? [], this.locale, (id) => this.pickForm(id));
    return this.#renderForm(data as ReadyForm, anonymous);
  }

  #renderForm(data: ReadyForm, anonymous: boolean) {
    const requester = resolveRequester(data.portal.requester, anonymous);
    const choosable = !this.#fixedFormId && (data.forms?.length ?? 0) > 1;
    return renderFormBody({
      changeForm: choosable ? renderChangeForm(() => this.pickForm(null)) : nothing,
      schema: data.schema,
      portal: data.portal,
      locale: this.locale,
      anonymous,
      requester,
      fields: resolveFields(data.schema, this.entry.values, this.#overrides),
      shown: this.entry.shownErrors(this.#clientErrors(data, requester).byKey),
      submitted: this.entry.submitted,
      submitting: this.phase === 'submitting',
      formError: this.formError,
      announcement: this.announcement,
      suggestions: this.suggestions,
      entry: this.entry,
      attachments: this.#attachmentsContext(data),
      onSubmit: (e: Event) => void this.#onSubmit(e, data),
      onPaste: (e: ClipboardEvent) => this.#onPaste(e, data),
    });
  }
}
