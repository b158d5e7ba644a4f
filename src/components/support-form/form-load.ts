import type { PorticoServices } from '../../core/services.js';
import type { FormSchema, FormSummary, PortalSettings, Session } from '../../protocol/index.js';

export interface Loaded {
  portal: PortalSettings;
  /** The form to fill in; null while the person still picks one. */
  schema: FormSchema | null;
  /** The forms on offer when the host fixed none (the picker's choices); null when it fixed one. */
  forms: FormSummary[] | null;
  session: Session | null;
}

/** Loaded, with a form to fill in. */
export type ReadyForm = Loaded & { schema: FormSchema };

/**
 * What the support form needs: the portal, the session and the form. A form
 * the host fixed (`form-id`, the configured `formId`) or one picked (the
 * picker, a deep link, `Portico.open('new', {formId})`) loads at once;
 * otherwise the forms on offer decide: one is used as it is, several are
 * offered in the picker, and none (a backend without a list) means `general`.
 * A picked form no longer on offer (another organisation's) shows the picker.
 */
export async function loadSupportForm(
  services: PorticoServices,
  { fixed, picked }: { fixed: string; picked: string },
  signal: AbortSignal,
): Promise<Loaded> {
  const { backend } = services;
  const [portal, session, forms] = await Promise.all([
    backend.getPortal({ signal }),
    services.session.load(signal),
    fixed ? Promise.resolve(null) : backend.listForms({ signal }),
  ]);
  let formId = picked || fixed;
  if (forms && picked && !forms.some((f) => f.id === picked)) formId = '';
  if (!formId && forms) formId = forms.length === 0 ? 'general' : forms.length === 1 ? forms[0]!.id : '';
  const schema = formId ? await backend.getForm(formId, { signal }) : null;
  return { portal, schema, forms, session };
}
