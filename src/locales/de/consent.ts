export const templates = {
  'consent.label': 'Cookie-Einwilligung',
  'consent.heading': 'Analyse-Cookies',
  'consent.text':
    'Wir möchten Analyse-Cookies verwenden, um zu verstehen, wie dieses Portal genutzt wird, und es so zu verbessern. Ohne Ihre Zustimmung wird nichts erfasst. Sie können Ihre Auswahl jederzeit unter „Cookie-Einstellungen“ ändern.',
  'consent.privacyPolicy': 'Datenschutzerklärung',
  'consent.newTab': '(öffnet in einem neuen Tab)',
  'consent.current.allowed': 'Ihre aktuelle Auswahl: Analyse erlaubt.',
  'consent.current.refused': 'Ihre aktuelle Auswahl: Analyse abgelehnt.',
  'consent.reject': 'Analyse ablehnen',
  'consent.accept': 'Analyse erlauben',
  'consent.loadError': 'Die Cookie-Einstellungen konnten nicht geladen werden.',
};
