// Italian templates, merged from one file per area so that parts can grow apart.
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './it/common.js';
import { templates as chat } from './it/chat.js';
import { templates as portal } from './it/portal.js';
import { templates as launcher } from './it/launcher.js';
import { templates as tickets } from './it/tickets.js';
import { templates as signIn } from './it/sign-in.js';
import { templates as supportForm } from './it/support-form.js';
import { templates as consent } from './it/consent.js';
import { templates as problems } from './it/problems.js';
import { templates as knowledge } from './it/knowledge.js';

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
