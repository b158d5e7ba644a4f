import { msg, str } from '@lit/localize';
import type { MappedIssues } from '../../core/form-model.js';
import { isUnauthorized, PorticoError, ValidationError } from '../../core/errors.js';
import { problemText } from '../../core/problem-text.js';
import type { FieldIssue } from '../../protocol/index.js';
import type { UploadController } from '../shared/upload.controller.js';
import { notAttachedText } from '../shared/upload-list.js';

/** How a failed submit shows: field errors, a message above the form, where focus goes. */
export interface SubmitFailure {
  /** The gateway's verdict on fields the person can see and change. */
  serverErrors?: Record<string, string>;
  formError: string | null;
  focus: 'first-invalid' | 'form-error';
  /** The session ended: sign in again; the draft keeps what was typed. */
  signedOut?: boolean;
}

/** Why the request cannot go yet because of its files (null: it can): still uploading, or one failed and is neither retried nor removed. */
export function uploadsHoldingSubmit(uploads: UploadController): string | null {
  if (uploads.uploading)
    return msg('Wait until your files have finished uploading, then send again.', {
      id: 'supportForm.error.uploading',
    });
  const notAttached = uploads.notAttached;
  return notAttached.length ? notAttachedText(notAttached) : null;
}

/** Spoken after a submit with problems. */
export function problemCountText(count: number): string {
  return count === 1
    ? msg('There is 1 problem with your request.', { id: 'supportForm.summary.one' })
    : msg(str`There are ${count} problems with your request.`, { id: 'supportForm.summary.many' });
}

/**
 * Why a ticket could not be made, in the person's words (from the problem's
 * code, never the gateway's English `detail`). `mapIssues` places the
 * gateway's field issues on the form.
 */
export function submitFailure(err: unknown, mapIssues: (issues: readonly FieldIssue[]) => MappedIssues): SubmitFailure {
  if (err instanceof ValidationError) {
    const { byKey, other } = mapIssues(err.problem.errors ?? []);
    if (Object.keys(byKey).length > 0) {
      return { serverErrors: byKey, formError: other.length ? other.join(' ') : null, focus: 'first-invalid' };
    }
    return { serverErrors: byKey, formError: other.join(' ') || problemText(err), focus: 'form-error' };
  }
  if (isUnauthorized(err)) {
    return {
      formError: msg('You were signed out. Sign in again; what you entered is kept.', {
        id: 'supportForm.error.signedOut',
      }),
      focus: 'form-error',
      signedOut: true,
    };
  }
  const reason = err instanceof PorticoError && err.status >= 400 && err.status < 500 ? ` ${problemText(err)}` : '';
  return {
    formError:
      msg('Your request could not be sent. Nothing you entered is lost; please try again.', {
        id: 'supportForm.error.send',
      }) + reason,
    focus: 'form-error',
  };
}
