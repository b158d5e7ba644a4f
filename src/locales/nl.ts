// Dutch templates, merged from one file per area so that parts can grow apart.
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './nl/common.js';
import { templates as chat } from './nl/chat.js';
import { templates as portal } from './nl/portal.js';
import { templates as launcher } from './nl/launcher.js';
import { templates as tickets } from './nl/tickets.js';
import { templates as signIn } from './nl/sign-in.js';
import { templates as supportForm } from './nl/support-form.js';
import { templates as consent } from './nl/consent.js';
import { templates as problems } from './nl/problems.js';
import { templates as knowledge } from './nl/knowledge.js';

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
