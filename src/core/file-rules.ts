import { msg, str } from '@lit/localize';
import { checkUpload, type UploadLimits } from '../protocol/index.js';
import { PorticoError } from './errors.js';
import { issueText, problemText } from './problem-text.js';

/**
 * The protocol's upload rules for a file the user picked, worded for them:
 * checked before any upload starts, so a file that cannot pass never leaves
 * the browser, and the gateway's own verdict worded the same way after.
 */
export function fileRejection(file: File, limits: UploadLimits | undefined, alreadyAttached: number): string | null {
  if (!limits) return null;
  const broken = checkUpload({ name: file.name, type: file.type, size: file.size }, limits, alreadyAttached);
  return broken
    ? issueText(broken, { label: file.name, fileName: file.name, allowedTypes: limits.allowedTypes })
    : null;
}

/**
 * Whether a draft keeps a file that is not uploaded yet (the Blob itself), so a
 * reload brings it back: only a file these rules accept, so a draft holds at
 * most the portal's maxFiles of maxBytes each; while the limits are unknown, none.
 */
export function draftKeepsFile(file: File, limits: UploadLimits | undefined): boolean {
  return !!limits && limits.maxBytes > 0 && fileRejection(file, limits, 0) === null;
}

/** Why the gateway refused an upload, from its field issue, else from the problem's code. */
export function uploadFailureText(file: File, err: unknown, limits: UploadLimits | undefined): string {
  const issue = err instanceof PorticoError ? err.problem.errors?.[0] : undefined;
  if (issue) return issueText(issue, { label: file.name, fileName: file.name, allowedTypes: limits?.allowedTypes });
  const name = file.name;
  if (err instanceof PorticoError)
    return `${msg(str`“${name}” could not be uploaded.`, { id: 'supportForm.upload.failed' })} ${problemText(err)}`;
  return msg(str`“${name}” could not be uploaded.`, { id: 'supportForm.upload.failed' });
}
