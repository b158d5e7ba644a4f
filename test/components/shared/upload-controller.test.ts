import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { UploadController, type UploadControllerOptions } from '../../../src/components/shared/upload.controller.js';
import type { HelpdeskBackend, UploadOptions } from '../../../src/core/backend.js';
import { DraftStore } from '../../../src/core/drafts.js';
import { errorFromProblem } from '../../../src/core/errors.js';
import { setLocale } from '../../../src/core/i18n.js';
import { problemType, type Attachment, type UploadLimits } from '../../../src/protocol/index.js';

/** A host that only counts redraws and lets the test connect and disconnect its controllers. */
class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates += 1;
  }
  disconnect() {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

interface PendingUpload {
  name: string;
  opts: UploadOptions | undefined;
  resolve: (a: Attachment) => void;
  reject: (e: unknown) => void;
}

/** Uploads wait until the test settles them. */
class UploadBackend {
  pending: PendingUpload[] = [];
  upload(file: File | Blob, name: string, opts?: UploadOptions): Promise<Attachment> {
    return new Promise((resolve, reject) => {
      this.pending.push({ name, opts, resolve, reject });
    });
  }
  finish(i: number, id = `att-${i}`) {
    const p = this.pending[i]!;
    p.resolve({ id, name: p.name, size: 3, contentType: 'text/plain' });
  }
}

const LIMITS: UploadLimits = { maxBytes: 100, maxFiles: 2, allowedTypes: ['.txt', 'text/plain'] };
const txt = (name: string, body = 'abc') => new File([body], name, { type: 'text/plain' });
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(options: Partial<UploadControllerOptions> = {}) {
  const host = new Host();
  const backend = new UploadBackend();
  let changes = 0;
  const uploads = new UploadController(host, {
    backend: () => backend as unknown as HelpdeskBackend,
    limits: () => LIMITS,
    onChange: () => (changes += 1),
    ...options,
  });
  return { host, backend, uploads, changes: () => changes };
}

describe('UploadController', () => {
  before(() => setLocale('en'));

  it('checks each file against the upload rules before anything is sent', () => {
    const { backend, uploads } = setup();
    uploads.add([
      txt('ok.txt'),
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
      txt('big.txt', 'x'.repeat(101)),
      txt('empty.txt', ''),
    ]);
    expect(uploads.items.map((i) => i.status)).to.deep.equal(['uploading', 'rejected', 'rejected', 'rejected']);
    expect(uploads.items[1]!.error).to.contain('not an allowed file type');
    expect(uploads.items[2]!.error).to.contain('too large');
    expect(uploads.items[3]!.error).to.contain('empty');
    expect(backend.pending.map((p) => p.name)).to.deep.equal(['ok.txt']);
  });

  it('counts uploading and finished files, not refused ones, toward maxFiles', () => {
    const { backend, uploads } = setup();
    uploads.add([new File(['MZ'], 'setup.exe'), txt('one.txt'), txt('two.txt'), txt('three.txt')]);
    expect(uploads.items.map((i) => i.status)).to.deep.equal(['rejected', 'uploading', 'uploading', 'rejected']);
    expect(uploads.items[3]!.error).to.contain('at most 2 files');
    expect(backend.pending).to.have.length(2);
  });

  it('applies the rules that need no limits while the limits are unknown', () => {
    const { backend, uploads } = setup({ limits: () => undefined });
    uploads.add([txt('empty.txt', ''), new File(['x'], 'any.bin')]);
    expect(uploads.items.map((i) => i.status)).to.deep.equal(['rejected', 'uploading']);
    expect(backend.pending).to.have.length(1);
  });

  it('tracks progress, then the finished attachment, and says so once done', async () => {
    const { backend, uploads, changes } = setup();
    uploads.add([txt('a.txt')]);
    expect(uploads.uploading).to.equal(true);
    backend.pending[0]!.opts!.onProgress!(1, 4);
    expect(uploads.items[0]!.progress).to.equal(0.25);
    backend.finish(0, 'att-a');
    await settle();
    expect(uploads.items[0]!.status).to.equal('done');
    expect(uploads.items[0]!.progress).to.equal(1);
    expect(uploads.uploading).to.equal(false);
    expect(uploads.ids).to.deep.equal(['att-a']);
    expect(uploads.uploaded.map((a) => a.name)).to.deep.equal(['a.txt']);
    expect(changes()).to.equal(1);
  });

  it("words the gateway's refusal from its field issue, and offers no Retry that would be refused again", async () => {
    const { backend, uploads } = setup();
    uploads.add([txt('a.txt')]);
    backend.pending[0]!.reject(
      errorFromProblem({
        type: problemType('too-large'),
        title: 'Payload Too Large',
        status: 413,
        code: 'too-large',
        detail: 'English detail the person never sees',
        errors: [{ field: 'file', code: 'file-too-large', params: { max: 50 }, message: 'too large' }],
      }),
    );
    await settle();
    const refused = uploads.items[0]!;
    expect(refused.status).to.equal('rejected');
    expect(refused.error).to.contain('“a.txt” is too large');
    expect(refused.error).not.to.contain('English detail');
    expect(uploads.notAttached.map((i) => i.name)).to.deep.equal(['a.txt']);
    uploads.retry(refused.key);
    expect(uploads.items[0]!.status).to.equal('rejected');
    expect(backend.pending).to.have.length(1);
  });

  it('retries an upload that failed on the way (no answer, a server error) under the same Idempotency-Key', async () => {
    const { backend, uploads } = setup();
    uploads.add([txt('a.txt')]);
    backend.pending[0]!.reject(
      errorFromProblem({ type: problemType('unavailable'), title: 'Unavailable', status: 503, code: 'unavailable' }),
    );
    await settle();
    const failed = uploads.items[0]!;
    expect(failed.status).to.equal('failed');
    uploads.retry(failed.key);
    expect(uploads.items[0]!.status).to.equal('uploading');
    expect(uploads.items[0]!.error).to.equal(null);
    const [first, second] = backend.pending;
    expect(first!.opts!.idempotencyKey).to.be.a('string').and.not.equal('');
    expect(second!.opts!.idempotencyKey).to.equal(first!.opts!.idempotencyKey);
    backend.finish(1);
    await settle();
    expect(uploads.items[0]!.status).to.equal('done');
  });

  it('aborts an upload that is removed, and drops its late answer', async () => {
    const { backend, uploads, changes } = setup();
    uploads.add([txt('a.txt')]);
    const { key } = uploads.items[0]!;
    uploads.remove(key);
    expect(backend.pending[0]!.opts!.signal!.aborted).to.equal(true);
    backend.finish(0);
    await settle();
    expect(uploads.items).to.have.length(0);
    expect(changes(), 'nothing finished, nothing to save').to.equal(0);
  });

  it('keeps the files in the draft, uploaded ones by reference, and brings them back, uploading the others', async () => {
    const store = new DraftStore(`http://upload-controller.test/${Math.random()}`);
    const draft = () => ({ store, key: 'reply:u-1:t-1:files' });
    const first = setup({ draft });
    first.uploads.add([txt('done.txt'), txt('half.txt'), new File(['MZ'], 'setup.exe')]);
    first.backend.finish(0, 'att-done');
    await settle();
    // The page goes while half.txt is still on its way.
    first.host.disconnect();
    await store.flush();

    const again = setup({ draft });
    await again.uploads.restoreSaved();
    // Refused files are not kept: they could never be sent.
    expect(again.uploads.items.map((i) => [i.name, i.status])).to.deep.equal([
      ['done.txt', 'done'],
      ['half.txt', 'uploading'],
    ]);
    expect(again.backend.pending.map((p) => p.name)).to.deep.equal(['half.txt']);
    // Under the first page's key: if that upload reached the gateway, the same one comes back, not a second.
    expect(again.backend.pending[0]!.opts!.idempotencyKey).to.equal(first.backend.pending[1]!.opts!.idempotencyKey);
    expect(await again.uploads.items[1]!.file!.text()).to.equal('abc');
    again.backend.finish(0, 'att-half');
    await settle();
    expect(again.uploads.ids).to.deep.equal(['att-done', 'att-half']);
    await store.flush();
    expect(await store.load('reply:u-1:t-1:files')).to.deep.equal([
      { attachment: { id: 'att-done', name: 'done.txt', size: 3, contentType: 'text/plain' } },
      { attachment: { id: 'att-half', name: 'half.txt', size: 3, contentType: 'text/plain' } },
    ]);
    // Removing the last file removes the draft's files.
    again.uploads.remove(again.uploads.items[0]!.key);
    again.uploads.remove(again.uploads.items[0]!.key);
    await store.flush();
    expect(await store.load('reply:u-1:t-1:files')).to.equal(undefined);
  });

  it('keeps a file not uploaded yet only while the rules (and so the size limit) are known', async () => {
    const store = new DraftStore(`http://upload-controller.test/${Math.random()}`);
    const { uploads } = setup({ draft: () => ({ store, key: 'k' }), limits: () => undefined });
    uploads.add([txt('a.txt')]);
    await store.flush();
    expect(await store.load('k')).to.equal(undefined);
  });

  it('restores an older draft’s uploaded attachments where nothing is kept, and clear() stops everything', async () => {
    const { backend, uploads } = setup();
    await uploads.restoreSaved([{ id: 'att-old', name: 'old.txt', size: 3, contentType: 'text/plain' }]);
    expect(uploads.ids).to.deep.equal(['att-old']);
    uploads.add([txt('b.txt')]);
    uploads.clear();
    expect(backend.pending[0]!.opts!.signal!.aborted).to.equal(true);
    expect(uploads.items).to.have.length(0);
  });

  it('keeps uploading while detached', async () => {
    const kept = setup();
    kept.uploads.add([txt('a.txt')]);
    kept.host.disconnect();
    kept.backend.finish(0);
    await settle();
    expect(kept.uploads.items[0]!.status).to.equal('done');
  });

  it('marks a file failed when there is no backend to send it to', () => {
    const { uploads } = setup({ backend: () => undefined });
    uploads.add([txt('a.txt')]);
    expect(uploads.items[0]!.status).to.equal('failed');
    expect(uploads.items[0]!.error).to.contain('could not be uploaded');
  });
});
