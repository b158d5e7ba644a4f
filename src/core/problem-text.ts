import { msg, str } from '@lit/localize';
import type { FieldIssue, ProblemCode } from '../protocol/index.js';
import { PorticoError } from './errors.js';
import { formatBytes } from './format.js';
import { getLocale } from './i18n.js';

/**
 * What the user reads for a problem: localized text keyed by the problem's
 * code (and each field issue's code), never the gateway's English `detail`.
 * Every element that shows an error calls these two functions.
 */

export interface IssueContext {
  /** The field's visible label, for messages like "Subject is required." */
  label: string;
  /** A checkbox says "Tick … to continue" instead of "… is required". */
  checkbox?: boolean;
  /** The file a file rule is about. */
  fileName?: string;
  /** The allowed types, for the file-type message. */
  allowedTypes?: readonly string[];
}

function param(issue: Pick<FieldIssue, 'params'>, name: string): string | number {
  return issue.params?.[name] ?? '';
}

function bytes(value: string | number): string {
  return formatBytes(Number(value), getLocale());
}

/** The message for one field issue, in the active locale. */
export function issueText(issue: Pick<FieldIssue, 'code' | 'params'>, ctx: IssueContext): string {
  const label = ctx.label;
  const name = ctx.fileName ?? label;
  switch (issue.code) {
    case 'required':
      return ctx.checkbox
        ? msg(str`Tick “${label}” to continue.`, { id: 'validation.requiredCheckbox' })
        : msg(str`${label} is required.`, { id: 'validation.required' });
    case 'email':
      return msg('Enter an e-mail address like name@example.com.', { id: 'validation.email' });
    case 'number':
      return msg(str`${label} must be a number.`, { id: 'validation.number' });
    case 'min': {
      const min = param(issue, 'min');
      return msg(str`${label} must be at least ${min}.`, { id: 'validation.min' });
    }
    case 'max': {
      const max = param(issue, 'max');
      return msg(str`${label} must be at most ${max}.`, { id: 'validation.max' });
    }
    case 'max-length': {
      const max = param(issue, 'max');
      return msg(str`${label} can be at most ${max} characters.`, { id: 'validation.maxLength' });
    }
    case 'min-length':
    case 'password-too-short': {
      const min = param(issue, 'min');
      return msg(str`${label} must be at least ${min} characters.`, { id: 'validation.minLength' });
    }
    case 'date':
      return msg(str`${label} must be a valid date.`, { id: 'validation.date' });
    case 'one-of':
      return msg(str`Choose one of the options for ${label}.`, { id: 'validation.oneOf' });
    case 'read-only':
      return msg(str`${label} cannot be changed.`, { id: 'validation.readOnly' });
    case 'control-characters':
    case 'invalid-text':
      return msg(str`${label} contains characters that are not allowed.`, { id: 'validation.characters' });
    case 'password-wrong':
      return msg('This is not your current password.', { id: 'validation.passwordWrong' });
    case 'consent-required':
      return msg('Agree to continue.', { id: 'validation.consent' });
    case 'file-too-large': {
      const max = bytes(param(issue, 'max'));
      return msg(str`“${name}” is too large. Files can be at most ${max}.`, { id: 'validation.fileTooLarge' });
    }
    case 'file-type': {
      const types = (ctx.allowedTypes ?? []).join(', ');
      return msg(str`“${name}” is not an allowed file type. Allowed: ${types}.`, { id: 'validation.fileType' });
    }
    case 'too-many-files': {
      const max = param(issue, 'max');
      return msg(str`“${name}” was not added: at most ${max} files can be attached.`, { id: 'validation.maxFiles' });
    }
    case 'file-empty':
      return msg(str`“${name}” is empty.`, { id: 'validation.fileEmpty' });
    case 'file-name':
      return msg(str`“${name}” has a name that cannot be used. Rename the file and try again.`, {
        id: 'validation.fileName',
      });
    default:
      return msg(str`${label} is not valid.`, { id: 'validation.invalid' });
  }
}

/** "in 15 minutes", "in 30 seconds": how long to wait, as the gateway said. */
function waitText(seconds: number): string {
  const rtf = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'always' });
  if (seconds >= 3600) return rtf.format(Math.ceil(seconds / 3600), 'hour');
  if (seconds >= 60) return rtf.format(Math.ceil(seconds / 60), 'minute');
  return rtf.format(Math.max(1, seconds), 'second');
}

function codeText(code: ProblemCode, retryAfter: number | null): string {
  switch (code) {
    case 'network':
      return msg('The support service cannot be reached. Check your connection and try again.', {
        id: 'problem.network',
      });
    case 'timeout':
      return msg('The support service took too long to answer. Try again.', { id: 'problem.timeout' });
    case 'unauthorized':
    case 'session-expired':
      return msg('You are signed out. Sign in again to continue.', { id: 'problem.signedOut' });
    case 'invalid-credentials':
      return msg('That e-mail address and password do not match.', { id: 'problem.invalidCredentials' });
    case 'sso-failed':
      return msg('Signing in through your organisation did not work. Try again or sign in another way.', {
        id: 'problem.ssoFailed',
      });
    case 'link-invalid':
      return msg('This link has expired or was used already. Ask for a new one.', { id: 'problem.linkInvalid' });
    case 'method-disabled':
      return msg('This way of signing in is turned off for this portal.', { id: 'problem.methodDisabled' });
    case 'registration-closed':
      return msg('Signing up is turned off for this portal.', { id: 'problem.registrationClosed' });
    case 'email-unverified':
      return msg('Confirm your e-mail address first, with the link we sent you.', { id: 'problem.emailUnverified' });
    case 'email-taken':
      return msg('There is already an account for this address. Sign in, or ask for a new password.', {
        id: 'problem.emailTaken',
      });
    case 'rate-limited':
      if (retryAfter !== null) {
        const wait = waitText(retryAfter);
        return msg(str`Too many attempts. Try again ${wait}.`, { id: 'problem.rateLimitedFor' });
      }
      return msg('Too many attempts. Wait a moment and try again.', { id: 'problem.rateLimited' });
    case 'mail-throttled':
      if (retryAfter !== null) {
        const wait = waitText(retryAfter);
        return msg(str`We sent an e-mail to this address a moment ago. Check your mailbox, or ask again ${wait}.`, {
          id: 'problem.mailThrottledFor',
        });
      }
      return msg('We sent an e-mail to this address a moment ago. Check your mailbox, or ask again later.', {
        id: 'problem.mailThrottled',
      });
    case 'reply-forbidden':
      return msg('You can read this ticket but not reply to it.', { id: 'problem.replyForbidden' });
    case 'close-forbidden':
      return msg('You cannot close this ticket.', { id: 'problem.closeForbidden' });
    case 'reopen-forbidden':
      return msg('You cannot reopen this ticket.', { id: 'problem.reopenForbidden' });
    case 'rate-forbidden':
      return msg('Only the person who asked can rate a solved ticket.', { id: 'problem.rateForbidden' });
    case 'scope-forbidden':
      return msg('Only company users see their organisation’s tickets.', { id: 'problem.scopeForbidden' });
    case 'profile-locked':
      return msg('This portal does not let you change your profile.', { id: 'problem.profileLocked' });
    case 'password-locked':
      return msg('This portal does not let you change your password.', { id: 'problem.passwordLocked' });
    case 'attachments-disabled':
      return msg('This portal does not accept attachments.', { id: 'problem.attachmentsDisabled' });
    case 'anonymous-disabled':
      return msg('Sign in to send a request.', { id: 'problem.anonymousDisabled' });
    case 'chat-unavailable':
    case 'nobody-available':
      return msg('Chat is not available right now.', { id: 'problem.chatUnavailable' });
    case 'chat-ended':
      return msg('This chat has ended. Start a new one.', { id: 'problem.chatEnded' });
    case 'not-found':
      return msg('This could not be found. It may have been removed, or you may not have access to it.', {
        id: 'problem.notFound',
      });
    case 'forbidden':
    case 'origin-not-allowed':
      return msg('You may not do this.', { id: 'problem.forbidden' });
    case 'csrf':
      return msg('Your session needs refreshing. Reload the page and try again.', { id: 'problem.csrf' });
    case 'validation':
    case 'bad-request':
      return msg('Some fields need your attention.', { id: 'problem.validation' });
    case 'too-large':
      return msg('This is too large to send.', { id: 'problem.tooLarge' });
    case 'unsupported-type':
      return msg('This type of file is not accepted.', { id: 'problem.unsupportedType' });
    case 'in-progress':
      return msg('This is still being sent. Wait a moment.', { id: 'problem.inProgress' });
    case 'conflict':
    case 'key-reused':
    case 'helpdesk-refused':
      return msg('This changed in the meantime. Reload and try again.', { id: 'problem.conflict' });
    default:
      return msg('The support service is not available right now. Try again later.', { id: 'problem.unavailable' });
  }
}

/** The message for a problem code the element already knows (e.g. a dead link it was told about). */
export function problemCodeText(code: ProblemCode): string {
  return codeText(code, null);
}

/** The message for any error an element shows: a Portico problem by its code, anything else as unavailable. */
export function problemText(error: unknown): string {
  if (error instanceof PorticoError) return codeText(error.code, error.retryAfterSeconds);
  return codeText('unavailable', null);
}
