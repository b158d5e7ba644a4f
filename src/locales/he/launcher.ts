import { str } from '@lit/localize';

// Israeli support portals call a ticket "פנייה" (plural "פניות"); used so everywhere.
export const templates = {
  'launcher.open': 'פתיחת חלון התמיכה',
  'launcher.closePanel': 'סגירת חלון התמיכה',
  'launcher.unread': str`${0} לא נקראו`,
  'launcher.title': 'תמיכה',
  'launcher.tabs': 'אזורי התמיכה',
  'launcher.tab.tickets': 'פניות',
  'launcher.tab.new': 'פנייה חדשה',
  'launcher.tab.chat': 'צ׳אט',
  'account.menu': 'חשבון',
  'account.language': 'שפה',
};
