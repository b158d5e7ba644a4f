// German templates (formal "Sie"), merged from one file per area so that parts can grow apart.
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './de/common.js';
import { templates as chat } from './de/chat.js';
import { templates as portal } from './de/portal.js';
import { templates as launcher } from './de/launcher.js';
import { templates as tickets } from './de/tickets.js';
import { templates as signIn } from './de/sign-in.js';
import { templates as supportForm } from './de/support-form.js';
import { templates as consent } from './de/consent.js';
import { templates as problems } from './de/problems.js';
import { templates as knowledge } from './de/knowledge.js';

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
