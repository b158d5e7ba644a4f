// The compose demo's wiring (compose.html), in a file of its own so the
// gateway's CSP (script-src 'self', no inline scripts) allows it.
const provider = document.querySelector('portico-provider');
const detail = document.querySelector('portico-ticket-detail');
const placeholder = document.querySelector('#detail-placeholder');
const signInArea = document.querySelector('#sign-in');
const ticketsArea = document.querySelector('#tickets');

// The list says which ticket was chosen; the page decides where it opens.
document.addEventListener('portico-ticket-select', (event) => {
  detail.setAttribute('ticket-id', event.detail.ticketId);
  detail.hidden = false;
  placeholder.hidden = true;
});

// Show the sign-in or the tickets, following the provider's shared session.
await customElements.whenDefined('portico-provider');
await provider.updateComplete;
const session = provider.services?.session;
const show = () => {
  const signedIn = !!session?.session;
  signInArea.hidden = signedIn;
  ticketsArea.hidden = !signedIn;
};
session?.addEventListener('change', show);
await session?.load().catch(() => null);
show();
