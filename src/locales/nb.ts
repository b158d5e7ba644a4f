// Norwegian Bokmål (nb) templates, merged from one file per area so that parts can grow apart.
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './nb/common.js';
import { templates as chat } from './nb/chat.js';
import { templates as portal } from './nb/portal.js';
import { templates as launcher } from './nb/launcher.js';
import { templates as tickets } from './nb/tickets.js';
import { templates as signIn } from './nb/sign-in.js';
import { templates as supportForm } from './nb/support-form.js';
import { templates as consent } from './nb/consent.js';
import { templates as problems } from './nb/problems.js';
import { templates as knowledge } from './nb/knowledge.js';

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
