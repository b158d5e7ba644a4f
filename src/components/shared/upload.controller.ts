import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpdeskBackend } from '../../core/backend.js';
import type { Attachment, UploadLimits } from '../../protocol/index.js';
import type { DraftStore } from '../../core/drafts.js';
import { draftKeepsFile, fileRejection, uploadFailureText } from '../../core/file-rules.js';
import { isUnauthorized, NetworkError, PorticoError, retryMayHelp, TimeoutError } from '../../core/errors.js';
import { newIdempotencyKey } from '../../core/idempotency.js';

/**
 * `rejected`: refused by the upload rules before sending, or by the gateway for what the file is (413, 415:
 * sending it again would not help); `failed`: the upload itself failed (no answer, a server error: may be retried);
 * `waiting`: the helpdesk could not be reached (`whenUnreachable: 'wait'`): the file goes with the request.
 */
export type UploadStatus = 'uploading' | 'done' | 'rejected' | 'failed' | 'waiting';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  status: UploadStatus;
  /** 0…1 while uploading, 1 once done. */
  progress: number;
  /** Why the file is not attached, in the user's words. */
  error: string | null;
  result: Attachment | null;
  /** Kept for "try again" after a failed upload; absent for attachments restored from a draft. */
  file?: File;
  /**
   * The upload's Idempotency-Key, kept with the file in the draft: a retry, or the upload again after
   * a reload, gets the one the gateway may already have instead of a second, unused one.
   */
  uploadKey?: string;
}

/** A file in a draft: uploaded already (its reference is enough), or not yet (the File itself, in IndexedDB, with its upload's key). */
export type DraftFile = { attachment: Attachment } | { file: File; uploadKey?: string };

export interface UploadControllerOptions {
  backend: () => HelpdeskBackend | undefined;
  /** The portal's limits; until they are known only the rules that need none (name, empty file) apply. */
  limits: () => UploadLimits | undefined;
  /** After an upload finished or a finished one was removed (a draft saves then). */
  onChange?: () => void;
  /**
   * An upload that cannot reach the helpdesk (offline, no answer): `fail` (the default) or `wait` —
   * the file is kept as `waiting` and the host sends it with its request (the outbox uploads it then).
   */
  whenUnreachable?: 'fail' | 'wait';
  /**
   * Where the files attached but not sent yet are kept, so that a reload brings them back
   * (`restoreSaved()`): a DraftStore key, or null while there is none. The host removes it once
   * the request is sent.
   */
  draft?: () => { store: DraftStore; key: string } | null;
}

const NO_LIMITS: UploadLimits = { maxBytes: 0, maxFiles: 0, allowedTypes: [] };

let counter = 0;

/** An attachment uploaded before, shown as done. */
function doneItem(a: Attachment): UploadItem {
  return { key: `u${++counter}`, name: a.name, size: a.size, status: 'done', progress: 1, error: null, result: a };
}

/**
 * The files attached to one request (a new ticket, a reply, a chat message):
 * each file from the picker, drag-and-drop or paste is checked against the
 * protocol's upload rules before anything is sent (a file that cannot pass
 * never leaves the browser), then uploaded one request each with progress.
 * The gateway's own refusal (413/415, a field issue) lands on the file it is
 * about. Used by the support form, the ticket reply box and chat.
 */
export class UploadController implements ReactiveController {
  items: UploadItem[] = [];
  readonly #aborts = new Map<string, AbortController>();
  /** Counts clear(): a draft that loads after one is not put back. */
  #generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: UploadControllerOptions,
  ) {
    host.addController(this);
  }

  /** Finished uploads, for the request or a draft. */
  get uploaded(): Attachment[] {
    return this.items.flatMap((i) => (i.status === 'done' && i.result ? [i.result] : []));
  }

  /** Ids of finished uploads, for the request. */
  get ids(): string[] {
    return this.uploaded.map((a) => a.id);
  }

  get uploading(): boolean {
    return this.items.some((i) => i.status === 'uploading');
  }

  /** Files that could not reach the helpdesk (`whenUnreachable: 'wait'`): they go with the request. */
  get waiting(): Array<{ key: string; name: string; file: File }> {
    return this.items.flatMap((i) =>
      i.status === 'waiting' && i.file ? [{ key: i.key, name: i.name, file: i.file }] : [],
    );
  }

  /** Counts toward maxFiles: everything not refused. */
  get #counted(): number {
    return this.items.filter((i) => i.status === 'uploading' || i.status === 'done' || i.status === 'waiting').length;
  }

  add(files: Iterable<File>): void {
    this.#add([...files].map((file) => ({ file })));
  }

  #add(files: Array<{ file: File; uploadKey?: string }>): void {
    const limits = this.options.limits() ?? NO_LIMITS;
    for (const { file, uploadKey = newIdempotencyKey() } of files) {
      const problem = fileRejection(file, limits, this.#counted);
      const item: UploadItem = {
        key: `u${++counter}`,
        name: file.name,
        size: file.size,
        status: problem ? 'rejected' : 'uploading',
        progress: 0,
        error: problem,
        result: null,
        file,
        uploadKey,
      };
      this.items = [...this.items, item];
      if (!problem) void this.#upload(item.key, file, uploadKey);
    }
    this.host.requestUpdate();
    this.#save();
  }

  /** Tries a failed (or waiting) upload again. */
  retry(key: string): void {
    const item = this.items.find((i) => i.key === key);
    if (!item?.file || (item.status !== 'failed' && item.status !== 'waiting')) return;
    this.#patch(key, { status: 'uploading', progress: 0, error: null });
    void this.#upload(key, item.file, item.uploadKey);
  }

  remove(key: string): void {
    this.#aborts.get(key)?.abort();
    this.#aborts.delete(key);
    const had = this.items.some((i) => i.key === key && i.status === 'done');
    this.items = this.items.filter((i) => i.key !== key);
    this.host.requestUpdate();
    this.#save();
    if (had) this.options.onChange?.();
  }

  /** Files refused by the rules or whose upload failed: they would not go with the request. */
  get notAttached(): UploadItem[] {
    return this.items.filter((i) => i.status === 'rejected' || i.status === 'failed');
  }

  /** Attachments coming back (a reply taken out of the outbox), before the files already there. */
  prepend(attachments: Attachment[]): void {
    const back = attachments.map((a) => doneItem(a));
    this.items = [...back, ...this.items];
    this.host.requestUpdate();
    this.#save();
  }

  /**
   * The files kept in the draft (`options.draft`) come back: uploaded ones as
   * done, the others uploaded now (checked against the rules again), before
   * any attached meanwhile. `fallback`: an older draft's uploaded attachments,
   * where nothing is kept under the key.
   */
  async restoreSaved(fallback: Attachment[] = []): Promise<void> {
    const target = this.options.draft?.();
    const generation = this.#generation;
    let saved: unknown;
    try {
      saved = target ? await target.store.load<unknown>(target.key) : undefined;
    } catch {
      saved = undefined;
    }
    // Cleared meanwhile (another ticket, a send): these files belong to something else now.
    if (generation !== this.#generation) return;
    const files = Array.isArray(saved) ? (saved as DraftFile[]) : fallback.map((attachment) => ({ attachment }));
    const done = files.flatMap((f) => ('attachment' in f && f.attachment ? [doneItem(f.attachment)] : []));
    this.items = [...done, ...this.items];
    this.#add(
      files.flatMap((f) =>
        'file' in f && f.file instanceof File
          ? [{ file: f.file, ...(typeof f.uploadKey === 'string' ? { uploadKey: f.uploadKey } : {}) }]
          : [],
      ),
    );
  }

  /** Stops every upload in flight and forgets every file (after a send, or for a different request). */
  clear(): void {
    for (const abort of this.#aborts.values()) abort.abort();
    this.#aborts.clear();
    this.#generation++;
    this.items = [];
    this.host.requestUpdate();
  }

  // Uploads go on while the host is off the page (a launcher panel closing): the result still lands in the draft.
  hostConnected(): void {}

  /** What a reload should bring back, into the draft (a file the rules refuse never: it cannot be sent). */
  #save(): void {
    const target = this.options.draft?.();
    if (!target) return;
    const limits = this.options.limits();
    const files = this.items.flatMap((i): DraftFile[] => {
      if (i.status === 'done' && i.result) return [{ attachment: i.result }];
      return i.status !== 'rejected' && i.file && draftKeepsFile(i.file, limits)
        ? [{ file: i.file, ...(i.uploadKey ? { uploadKey: i.uploadKey } : {}) }]
        : [];
    });
    void target.store.saveNow(target.key, files).catch(() => undefined);
  }

  #patch(key: string, patch: Partial<UploadItem>): void {
    this.items = this.items.map((i) => (i.key === key ? { ...i, ...patch } : i));
    this.host.requestUpdate();
  }

  async #upload(key: string, file: File, uploadKey?: string): Promise<void> {
    const backend = this.options.backend();
    if (!backend) {
      this.#patch(key, { status: 'failed', error: uploadFailureText(file, null, this.options.limits()) });
      return;
    }
    const abort = new AbortController();
    this.#aborts.set(key, abort);
    try {
      const result = await backend.upload(file, file.name, {
        signal: abort.signal,
        ...(uploadKey ? { idempotencyKey: uploadKey } : {}),
        onProgress: (loaded, total) => {
          if (!abort.signal.aborted) this.#patch(key, { progress: total > 0 ? loaded / total : 0 });
        },
      });
      if (abort.signal.aborted) return;
      this.#patch(key, { status: 'done', progress: 1, result });
      this.#save();
      this.options.onChange?.();
    } catch (err) {
      if (abort.signal.aborted) return;
      if (this.options.whenUnreachable === 'wait' && (err instanceof NetworkError || err instanceof TimeoutError)) {
        this.#patch(key, { status: 'waiting', progress: 0, error: null });
        this.options.onChange?.();
        return;
      }
      // The gateway's answer about the file itself (too large, a type it refuses): Retry would get the same.
      const refused = err instanceof PorticoError && !retryMayHelp(err) && !isUnauthorized(err);
      this.#patch(key, {
        status: refused ? 'rejected' : 'failed',
        error: uploadFailureText(file, err, this.options.limits()),
      });
      if (refused) this.#save();
    } finally {
      if (this.#aborts.get(key) === abort) this.#aborts.delete(key);
    }
  }
}
