// Dutch templates, merged from one file per area so that parts can grow apart.
// Keys are the explicit msg() ids used in the source.
import type { LocaleModule } from '@lit/localize';
import { templates as common } from './nl/common.js';

export const templates: LocaleModule['templates'] = {
  ...common,
};
