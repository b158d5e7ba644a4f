// Hebrew templates (gender-neutral: infinitives and "יש ל…"); a ticket is always "פנייה" (plural "פניות"), e-mail "אימייל".
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './he/common.js';
import { templates as chat } from './he/chat.js';
import { templates as portal } from './he/portal.js';
import { templates as launcher } from './he/launcher.js';
import { templates as tickets } from './he/tickets.js';
import { templates as signIn } from './he/sign-in.js';
import { templates as supportForm } from './he/support-form.js';
import { templates as consent } from './he/consent.js';
import { templates as problems } from './he/problems.js';
import { templates as knowledge } from './he/knowledge.js';

export const templates: LocaleModule['templates'] = {
  ...common,
  ...chat,
  ...portal,
  ...launcher,
  ...tickets,
  ...signIn,
  ...supportForm,
  ...consent,
  ...problems,
  ...knowledge,
};
