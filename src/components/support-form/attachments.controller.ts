import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpdeskBackend } from '../../core/backend.js';
import type { Attachment, UploadLimits } from '../../protocol/index.js';
import { fileRejection, uploadFailureText } from '../../core/file-rules.js';

export type AttachmentStatus = 'uploading' | 'done' | 'rejected' | 'failed';

export interface AttachmentItem {
  key: string;
  name: string;
  size: number;
  status: AttachmentStatus;
  /** 0…1 while uploading. */
  progress: number;
  error: string | null;
  result: Attachment | null;
  /** Kept for "try again" after a failed upload; absent for attachments restored from a draft. */
  file?: File;
}

let counter = 0;

/**
 * The support form's attachments: files from the picker, drag-and-drop or
 * paste are checked against the portal's limits before anything is sent (a
 * file that cannot pass never leaves the browser), then uploaded one request
 * each with progress. The server's 413/415 land on the file they are about.
 */
export class AttachmentsController implements ReactiveController {
  items: AttachmentItem[] = [];
  #aborts = new Map<string, AbortController>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: {
      backend: () => HelpdeskBackend | undefined;
      limits: () => UploadLimits | undefined;
      formatBytes: (n: number) => string;
      /** After an upload finished or an attachment was removed (the draft saves then). */
      onChange: () => void;
    },
  ) {
    host.addController(this);
  }

  /** Ids of finished uploads, for the request. */
  get ids(): string[] {
    return this.items.filter((i) => i.status === 'done' && i.result).map((i) => i.result!.id);
  }

  get uploading(): boolean {
    return this.items.some((i) => i.status === 'uploading');
  }

  /** Finished uploads, for the draft. */
  get uploaded(): Attachment[] {
    return this.items.filter((i) => i.status === 'done' && i.result).map((i) => i.result!);
  }

  /** Counts toward maxFiles: everything not refused. */
  get #counted(): number {
    return this.items.filter((i) => i.status === 'uploading' || i.status === 'done').length;
  }

  add(files: Iterable<File>): void {
    const limits = this.deps.limits() ?? { maxBytes: 0, maxFiles: 0, allowedTypes: [] };
    for (const file of files) {
      const problem = fileRejection(file, limits, this.#counted);
      const item: AttachmentItem = {
        key: `a${++counter}`,
        name: file.name,
        size: file.size,
        status: problem ? 'rejected' : 'uploading',
        progress: 0,
        error: problem,
        result: null,
        file,
      };
      this.items = [...this.items, item];
      if (!problem) void this.#upload(item, file);
    }
    this.host.requestUpdate();
  }

  retry(key: string): void {
    const item = this.items.find((i) => i.key === key);
    if (!item?.file || item.status !== 'failed') return;
    this.#replace(key, { status: 'uploading', progress: 0, error: null });
    void this.#upload(
      this.items.find((i) => i.key === key)!,
      item.file,
    );
  }

  remove(key: string): void {
    this.#aborts.get(key)?.abort();
    this.#aborts.delete(key);
    const had = this.items.some((i) => i.key === key && i.status === 'done');
    this.items = this.items.filter((i) => i.key !== key);
    this.host.requestUpdate();
    if (had) this.deps.onChange();
  }

  /** Attachments already uploaded before a reload (from the draft). */
  restore(attachments: Attachment[]): void {
    this.items = attachments.map((a) => ({
      key: `a${++counter}`,
      name: a.name,
      size: a.size,
      status: 'done' as const,
      progress: 1,
      error: null,
      result: a,
    }));
    this.host.requestUpdate();
  }

  clear(): void {
    for (const c of this.#aborts.values()) c.abort();
    this.#aborts.clear();
    this.items = [];
    this.host.requestUpdate();
  }

  #replace(key: string, patch: Partial<AttachmentItem>): void {
    this.items = this.items.map((i) => (i.key === key ? { ...i, ...patch } : i));
    this.host.requestUpdate();
  }

  async #upload(item: AttachmentItem, file: File): Promise<void> {
    const backend = this.deps.backend();
    if (!backend) return;
    const abort = new AbortController();
    this.#aborts.set(item.key, abort);
    try {
      const result = await backend.upload(file, file.name, {
        signal: abort.signal,
        onProgress: (loaded, total) => {
          if (!abort.signal.aborted) this.#replace(item.key, { progress: total > 0 ? loaded / total : 0 });
        },
      });
      if (abort.signal.aborted) return;
      this.#replace(item.key, { status: 'done', progress: 1, result });
      this.deps.onChange();
    } catch (err) {
      if (abort.signal.aborted) return;
      this.#replace(item.key, { status: 'failed', error: this.#uploadError(file, err) });
    } finally {
      if (this.#aborts.get(item.key) === abort) this.#aborts.delete(item.key);
    }
  }

  #uploadError(file: File, err: unknown): string {
    return uploadFailureText(file, err, this.deps.limits());
  }

  // Uploads keep going while the form is detached (a launcher panel closing): their results still land in the draft.
  hostConnected(): void {}
}
