export const templates = {
  'consent.label': 'Samtykke til informasjonskapsler',
  'consent.heading': 'Analytiske informasjonskapsler',
  'consent.text':
    'Vi vil gjerne bruke analytiske informasjonskapsler for å se hvordan denne portalen brukes, slik at vi kan gjøre den bedre. Ingenting spores uten at du tillater det. Du kan når som helst endre valget ditt under Innstillinger for informasjonskapsler.',
  'consent.privacyPolicy': 'Personvernerklæring',
  'consent.newTab': '(åpnes i en ny fane)',
  'consent.current.allowed': 'Ditt nåværende valg: analyse tillatt.',
  'consent.current.refused': 'Ditt nåværende valg: analyse avvist.',
  'consent.reject': 'Avvis analyse',
  'consent.accept': 'Tillat analyse',
  'consent.loadError': 'Innstillingene for informasjonskapsler kunne ikke lastes inn.',
};
