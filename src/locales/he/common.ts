import { str } from '@lit/localize';

// Statuses agree with "פנייה" (feminine).
export const templates = {
  'common.remoteImage': str`תמונה: ${0}`,
  'status.new': 'חדשה',
  'status.open': 'פתוחה',
  'status.pending': 'ממתינה',
  'status.solved': 'נפתרה',
  'status.closed': 'סגורה',
  'common.retry': 'ניסיון חוזר',
  'common.loading': 'בטעינה…',
  'common.close': 'סגירה',
  'common.back': 'חזרה',
  'common.cancel': 'ביטול',
  'common.notConfigured': 'Portico אינו מוגדר: לא הוגדר שרת backend.',
  'common.yes': 'כן',
  'common.no': 'לא',
};
