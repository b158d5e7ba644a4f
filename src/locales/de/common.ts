import { str } from '@lit/localize';

export const templates = {
  'common.remoteImage': str`Bild: ${0}`,
  'status.new': 'Neu',
  'status.open': 'Offen',
  'status.pending': 'Wartend',
  'status.solved': 'Gelöst',
  'status.closed': 'Geschlossen',
  'common.retry': 'Erneut versuchen',
  'common.upload.notAttached': str`„${0}“ ist nicht angehängt. Versuchen Sie es erneut oder entfernen Sie die Datei, und senden Sie dann noch einmal.`,
  'common.upload.notAttachedMany': str`${0} Dateien sind nicht angehängt. Versuchen Sie es erneut oder entfernen Sie sie, und senden Sie dann noch einmal.`,
  'common.loading': 'Wird geladen…',
  'common.close': 'Schließen',
  'common.back': 'Zurück',
  'common.cancel': 'Abbrechen',
  'common.notConfigured': 'Portico ist nicht konfiguriert: Es ist kein Backend festgelegt.',
  'common.yes': 'Ja',
  'common.no': 'Nein',
};
