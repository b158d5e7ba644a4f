import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { draftFilesKey, type DraftStore } from '../../core/drafts.js';
import type { FormValues, RequesterValues } from '../../core/form-model.js';
import type { Attachment } from '../../protocol/index.js';

/**
 * What a new-ticket draft keeps: the user's own edits and the request's idempotency key. The attached
 * files are kept beside it (draftFilesKey: they need IndexedDB), by the form's UploadController.
 */
export interface SupportFormDraft {
  /** Only fields the user changed; defaults and prefill are recomputed on restore. */
  values: FormValues;
  requester: Partial<RequesterValues>;
  /** Drafts saved before the files were kept on their own: the finished uploads. */
  attachments?: Attachment[];
  /** Made once per draft and reused for every retry, so a retry never makes a second ticket. */
  idempotencyKey: string;
}

/** The DraftStore key of a form's draft. */
export function draftKey(formId: string): string {
  return `form:${formId}`;
}

function isDraft(value: unknown): value is SupportFormDraft {
  const d = value as SupportFormDraft | null;
  return (
    !!d &&
    typeof d === 'object' &&
    typeof d.idempotencyKey === 'string' &&
    typeof d.values === 'object' &&
    (d.attachments === undefined || Array.isArray(d.attachments))
  );
}

/**
 * Keeps the support form's draft in the backend's DraftStore: saved as the
 * user types (the store debounces), written at once when the form is
 * detached or a submit starts, removed after success. Storage failures never
 * stop the form.
 */
export class FormDraftController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly deps: {
      store: () => DraftStore | undefined;
      formId: () => string | null;
      snapshot: () => SupportFormDraft | null;
    },
  ) {
    host.addController(this);
  }

  async load(formId: string): Promise<SupportFormDraft | null> {
    try {
      const value = await this.deps.store()?.load<unknown>(draftKey(formId));
      return isDraft(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Call after each edit. */
  schedule(): void {
    const store = this.deps.store();
    const formId = this.deps.formId();
    const draft = this.deps.snapshot();
    if (store && formId && draft) store.save(draftKey(formId), draft);
  }

  /** Writes the draft now, e.g. before a submit so the idempotency key survives a crash mid-request. */
  async flush(): Promise<void> {
    this.schedule();
    await this.deps
      .store()
      ?.flush()
      .catch(() => undefined);
  }

  /** The draft and its files: the ticket exists now. */
  async remove(formId: string): Promise<void> {
    const store = this.deps.store();
    await Promise.all(
      [draftKey(formId), draftFilesKey(draftKey(formId))].map((key) => store?.remove(key).catch(() => undefined)),
    );
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // Pending keystrokes are written before the form goes (a launcher panel closing, a re-mount).
    void this.deps
      .store()
      ?.flush()
      .catch(() => undefined);
  }
}
