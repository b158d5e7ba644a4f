import { str } from '@lit/localize';

// Support form and its validators (src/core/validators.ts).
// "השדה …" keeps the messages free of gender agreement with the field label.
export const templates = {
  'validation.required': str`יש למלא את השדה ${0}.`,
  'validation.requiredCheckbox': str`כדי להמשיך, יש לסמן את "${0}".`,
  'validation.email': 'יש להזין כתובת אימייל בפורמט name@example.co.il.',
  'validation.number': str`השדה ${0} צריך להכיל מספר.`,
  'validation.min': str`הערך בשדה ${0} צריך להיות ${1} לפחות.`,
  'validation.max': str`הערך בשדה ${0} צריך להיות ${1} לכל היותר.`,
  'validation.maxLength': str`השדה ${0} יכול להכיל ${1} תווים לכל היותר.`,
  'validation.date': str`השדה ${0} צריך להכיל תאריך תקין.`,
  'validation.oneOf': str`יש לבחור אחת מהאפשרויות בשדה ${0}.`,
  'validation.fileTooLarge': str`הקובץ "${0}" גדול מדי. הגודל המרבי לקובץ הוא ${1}.`,
  'validation.fileType': str`סוג הקובץ "${0}" אינו מותר. סוגים מותרים: ${1}.`,
  'validation.maxFiles': str`הקובץ "${0}" לא נוסף: אפשר לצרף ${1} קבצים לכל היותר.`,

  'supportForm.loadFailed': 'לא ניתן היה לטעון את הטופס.',
  'supportForm.signInFirst': 'כדי לשלוח פנייה, יש להתחבר.',
  'supportForm.requiredNote': 'שדות המסומנים ב-* הם שדות חובה.',
  'supportForm.choose': 'יש לבחור…',
  'supportForm.submit': 'שליחת הפנייה',
  'supportForm.sending': 'בשליחה…',

  'supportForm.requester.legend': 'פרטי הפונה',
  'supportForm.requester.legendAnonymous': 'פרטי ההתקשרות שלך',
  'supportForm.requester.name': 'שם',
  'supportForm.requester.email': 'כתובת אימייל',
  'supportForm.requester.phone': 'מספר טלפון',
  'supportForm.requester.organization': 'ארגון',

  'supportForm.summary.heading': 'יש לתקן את הפרטים הבאים:',
  'supportForm.summary.one': 'נמצאה בעיה אחת בפנייה.',
  'supportForm.summary.many': str`נמצאו ${0} בעיות בפנייה.`,
  'supportForm.error.uploading': 'יש להמתין לסיום העלאת הקבצים ואז לשלוח שוב.',
  'supportForm.error.signedOut': 'נותקת מהמערכת. יש להתחבר שוב; כל מה שהזנת נשמר.',
  'supportForm.error.send': 'לא ניתן היה לשלוח את הפנייה. שום דבר ממה שהזנת לא אבד; נא לנסות שוב.',

  'supportForm.suggestions.heading': 'ייתכן שהמאמרים האלה עונים על השאלה שלך',
  'supportForm.suggestions.one': 'מאמר מוצע אחד',
  'supportForm.suggestions.many': str`${0} מאמרים מוצעים`,

  'supportForm.attach.add': 'הוספת קבצים',
  'supportForm.attach.dropHint': 'או לגרור או להדביק אותם כאן',
  'supportForm.attach.limits': str`עד ${0} קבצים, בגודל של עד ${1} כל אחד.`,
  'supportForm.attach.limitSize': str`קבצים בגודל של עד ${0} כל אחד.`,
  'supportForm.attach.types': str`סוגים מותרים: ${0}.`,
  'supportForm.attach.uploading': 'בהעלאה',
  'supportForm.attach.done': 'הועלה',
  'supportForm.attach.notAttached': 'לא צורף',
  'supportForm.attach.remove': str`הסרת ${0}`,
  'supportForm.attach.removeShort': 'הסרה',
  'supportForm.attach.progress': str`${0} בהעלאה`,
  'supportForm.upload.failed': str`לא ניתן היה להעלות את "${0}".`,

  'supportForm.success.heading': 'תודה – הפנייה שלך נשלחה',
  'supportForm.success.number': str`מספר הפנייה שלך הוא ${0}.`,
  'supportForm.success.view': str`צפייה בפנייה ${0}`,
  'supportForm.success.new': 'פנייה חדשה',
  'supportForm.queued.heading': 'הפנייה שלך ממתינה לשליחה',
  'supportForm.queued.signedOut': 'לאחר התחברות מחדש היא תישלח אוטומטית.',
  'supportForm.queued.detail':
    'היא תישלח אוטומטית ברגע שתהיה גישה למוקד התמיכה, גם אחרי טעינה מחדש של הדף. שום דבר ממה שהזנת לא יאבד.',
  'supportForm.queued.retry': 'לנסות עכשיו',
  'supportForm.queued.cancel': 'ביטול השליחה',
  'supportForm.picker.heading': 'מה נושא הפנייה?',
  'supportForm.picker.change': 'בחירת סוג פנייה אחר',
};
