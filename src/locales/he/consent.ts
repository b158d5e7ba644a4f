export const templates = {
  'consent.label': 'הסכמה לקובצי Cookie',
  'consent.heading': 'קובצי Cookie לניתוח נתונים',
  'consent.text':
    'נשמח להשתמש בקובצי Cookie לניתוח נתונים כדי להבין איך משתמשים בפורטל הזה, וכך לשפר אותו. שום מידע לא נאסף ללא הסכמתך. אפשר לשנות את הבחירה בכל עת ב"הגדרות קובצי Cookie".',
  'consent.privacyPolicy': 'מדיניות הפרטיות',
  'consent.newTab': '(נפתח בכרטיסייה חדשה)',
  'consent.current.allowed': 'הבחירה הנוכחית שלך: ניתוח נתונים מאושר.',
  'consent.current.refused': 'הבחירה הנוכחית שלך: ניתוח נתונים נדחה.',
  'consent.reject': 'דחיית ניתוח נתונים',
  'consent.accept': 'אישור ניתוח נתונים',
  'consent.loadError': 'לא ניתן היה לטעון את הגדרות קובצי Cookie.',
};
