import { PorticoSupportForm } from './support-form.component.js';

export { PorticoSupportForm };
PorticoSupportForm.define('portico-support-form');

declare global {
  interface HTMLElementTagNameMap {
    'portico-support-form': PorticoSupportForm;
  }
}
