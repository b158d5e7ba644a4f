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
  'common.upload.notAttached': str`"${0}" לא צורף. יש לנסות שוב או להסיר אותו, ואז לשלוח שוב.`,
  'common.upload.notAttachedMany': str`${0} קבצים לא צורפו. יש לנסות שוב או להסיר אותם, ואז לשלוח שוב.`,
  'common.loading': 'בטעינה…',
  'common.close': 'סגירה',
  'common.back': 'חזרה',
  'common.cancel': 'ביטול',
  'common.notConfigured': 'Portico אינו מוגדר: לא הוגדר שרת backend.',
  'common.yes': 'כן',
  'common.no': 'לא',
};
