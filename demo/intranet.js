// The intranet's side of the Portico iframe bridge: size the frame from the
// portal's height messages, show (and mirror in the URL) the portal's route,
// and send the sidebar's IT-support links to the portal as navigation.
// Messages count only when they come from the portal frame and its origin.
(() => {
  const frame = document.getElementById('portal');
  const routeOut = document.getElementById('current-route');
  const portalOrigin = new URL(frame.src, location.href).origin;
  const routeLinks = [...document.querySelectorAll('a[data-route]')];
  const isRoute = (text) => /^\/(mine|tickets|new|profile|ticket\/[^/?#]+)$/.test(text);

  // A deep link into the intranet page (intranet.html#/ticket/t-1) opens that page of the portal.
  const initial = location.hash.slice(1);
  if (isRoute(initial)) frame.src = `/portal.html#${initial}`;

  function showRoute(route) {
    routeOut.textContent = route;
    for (const link of routeLinks) {
      if (link.dataset.route === route) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (location.hash !== `#${route}`) history.replaceState(null, '', `#${route}`);
  }

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== portalOrigin) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'portico:height' && Number.isFinite(data.height) && data.height > 0) {
      // Never taller than needed, never so short the sign-in form is cut off.
      frame.style.blockSize = `${Math.max(320, Math.ceil(data.height) + 2)}px`;
    } else if (data.type === 'portico:navigate' && typeof data.route === 'string' && isRoute(data.route)) {
      showRoute(data.route);
    }
  });

  for (const link of routeLinks) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      frame.contentWindow.postMessage({ type: 'portico:navigate', route: link.dataset.route }, portalOrigin);
      frame.focus();
    });
  }
})();
