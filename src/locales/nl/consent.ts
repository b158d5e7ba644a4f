export const templates = {
  'consent.label': 'Cookietoestemming',
  'consent.heading': 'Analytische cookies',
  'consent.text':
    'We willen analytische cookies gebruiken om te zien hoe dit portaal wordt gebruikt, zodat we het kunnen verbeteren. Er wordt niets gevolgd zonder jouw toestemming. Je kunt je keuze altijd wijzigen via Cookie-instellingen.',
  'consent.privacyPolicy': 'Privacybeleid',
  'consent.newTab': '(opent in een nieuw tabblad)',
  'consent.current.allowed': 'Je huidige keuze: analytics toegestaan.',
  'consent.current.refused': 'Je huidige keuze: analytics geweigerd.',
  'consent.reject': 'Analytics weigeren',
  'consent.accept': 'Analytics toestaan',
  'consent.loadError': 'De cookie-instellingen konden niet worden geladen.',
};
