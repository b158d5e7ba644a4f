/**
 * Elements whose presence means the page lays Portico out itself: no floating
 * launcher then, and the facade loads the app at once to upgrade them.
 * Kept apart from portico-api.ts so the facade can check for them without
 * bundling the elements.
 */
export const PAGE_ELEMENT_NAMES: readonly string[] = [
  'portico-portal',
  'portico-provider',
  'portico-ticket-list',
  'portico-ticket-detail',
  'portico-support-form',
  'portico-knowledge',
  'portico-sign-in',
  'portico-chat',
  'portico-chat-launcher',
];

const PAGE_ELEMENTS_SELECTOR = PAGE_ELEMENT_NAMES.join(',');

/** Whether the page already holds Portico elements of its own. */
export function pageHasPorticoElements(root: ParentNode = document): boolean {
  return root.querySelector(PAGE_ELEMENTS_SELECTOR) !== null;
}

/** Whether a node added to the page is, or holds, a Portico page element. */
export function holdsPorticoElements(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return el.matches(PAGE_ELEMENTS_SELECTOR) || (el.childElementCount > 0 && pageHasPorticoElements(el));
}
