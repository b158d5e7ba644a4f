// French templates (formal "vous"), merged from one file per area like nl.ts.
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './fr/common.js';
import { templates as chat } from './fr/chat.js';
import { templates as portal } from './fr/portal.js';
import { templates as launcher } from './fr/launcher.js';
import { templates as tickets } from './fr/tickets.js';
import { templates as signIn } from './fr/sign-in.js';
import { templates as supportForm } from './fr/support-form.js';
import { templates as consent } from './fr/consent.js';
import { templates as problems } from './fr/problems.js';
import { templates as knowledge } from './fr/knowledge.js';

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
