import { html, type TemplateResult } from 'lit';
import type { PortalSettings } from '../../protocol/index.js';
import type { PortalRoute } from './portal-route.controller.js';
import '../knowledge/knowledge.js';

export interface PortalViewContext {
  portal: PortalSettings;
  /** The portal's own `form-id` (empty: the configured one, else the person picks). */
  formId: string;
  focusSection: 'profile' | 'password' | null;
}

/** The view in the portal's panel for a route. */
export function renderPortalView(route: PortalRoute, ctx: PortalViewContext): TemplateResult {
  switch (route.view) {
    case 'tickets':
      return html`<portico-ticket-list scope="organization" no-scope-switch></portico-ticket-list>`;
    case 'mine':
      return html`<portico-ticket-list scope="mine" no-scope-switch></portico-ticket-list>`;
    case 'new':
      // `#/new/<form>` picks the form (a deep link); the form's own picker sets it the same way.
      return html`<portico-support-form form-id=${ctx.formId} .pickedFormId=${route.formId ?? ''}></portico-support-form>`;
    case 'kb':
      return html`<portico-knowledge article-id=${route.articleId ?? ''}></portico-knowledge>`;
    case 'profile':
      return html`<portico-portal-profile .portal=${ctx.portal} .focusSection=${ctx.focusSection}></portico-portal-profile>`;
    case 'ticket':
      return html`<portico-ticket-detail ticket-id=${route.ticketId} show-back></portico-ticket-detail>`;
  }
}
