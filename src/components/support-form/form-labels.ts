import { msg } from '@lit/localize';
import type { IssueLabels, RequesterKey } from '../../core/form-model.js';
import type { UploadLimits } from '../../protocol/index.js';

/** The requester block's labels, in the current locale. */
export function requesterLabels(): Record<RequesterKey, string> {
  return {
    name: msg('Name', { id: 'supportForm.requester.name' }),
    email: msg('E-mail address', { id: 'supportForm.requester.email' }),
    phone: msg('Phone number', { id: 'supportForm.requester.phone' }),
    organization: msg('Organisation', { id: 'supportForm.requester.organization' }),
  };
}

/** How field issues name what they are about, for the form's own checks and the gateway's verdict alike. */
export function issueLabels(locale: string, uploads: UploadLimits): IssueLabels {
  return {
    requester: requesterLabels(),
    request: {
      subject: msg('Subject', { id: 'supportForm.request.subject' }),
      body: msg('Description', { id: 'supportForm.request.body' }),
      attachments: msg('Attachments', { id: 'supportForm.request.attachments' }),
    },
    locale,
    uploads,
  };
}
