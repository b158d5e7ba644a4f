export const templates = {
  'status.new': 'Nieuw',
  'status.open': 'Open',
  'status.pending': 'In afwachting',
  'status.solved': 'Opgelost',
  'status.closed': 'Gesloten',
  'common.retry': 'Opnieuw proberen',
  'common.loading': 'Laden…',
  'common.close': 'Sluiten',
  'common.back': 'Terug',
  'common.cancel': 'Annuleren',
  'common.notConfigured': 'Portico is niet geconfigureerd: er is geen backend ingesteld.',
};
