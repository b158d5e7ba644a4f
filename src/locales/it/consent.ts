export const templates = {
  'consent.label': 'Consenso ai cookie',
  'consent.heading': 'Cookie analitici',
  'consent.text':
    'Vorremmo usare cookie analitici per capire come viene utilizzato questo portale e così migliorarlo. Non tracciamo nulla senza il tuo consenso. Puoi modificare la tua scelta in qualsiasi momento da Impostazioni cookie.',
  'consent.privacyPolicy': 'Informativa sulla privacy',
  'consent.newTab': '(si apre in una nuova scheda)',
  'consent.current.allowed': 'La tua scelta attuale: cookie analitici consentiti.',
  'consent.current.refused': 'La tua scelta attuale: cookie analitici rifiutati.',
  'consent.reject': 'Rifiuta cookie analitici',
  'consent.accept': 'Consenti cookie analitici',
  'consent.loadError': 'Impossibile caricare le impostazioni dei cookie.',
};
