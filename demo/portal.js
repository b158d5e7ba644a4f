// portal.html's one setting that depends on where the gateway runs: the
// intranet demo that frames this page is on this page's own origin, on any
// port. Runs before the portal element is defined (a plain script after it).
document.querySelector('portico-portal').setAttribute('allowed-origins', window.location.origin);
