export const templates = {
  'consent.label': 'Consentement aux cookies',
  'consent.heading': 'Cookies analytiques',
  'consent.text':
    'Nous souhaitons utiliser des cookies analytiques pour comprendre comment ce portail est utilisé, afin de l’améliorer. Aucun suivi n’a lieu sans votre accord. Vous pouvez modifier votre choix à tout moment dans les Paramètres des cookies.',
  'consent.privacyPolicy': 'Politique de confidentialité',
  'consent.newTab': '(s’ouvre dans un nouvel onglet)',
  'consent.current.allowed': 'Votre choix actuel : cookies analytiques autorisés.',
  'consent.current.refused': 'Votre choix actuel : cookies analytiques refusés.',
  'consent.reject': 'Refuser les cookies analytiques',
  'consent.accept': 'Autoriser les cookies analytiques',
  'consent.loadError': 'Impossible de charger les paramètres des cookies.',
};
