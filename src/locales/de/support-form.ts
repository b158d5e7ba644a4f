import { str } from '@lit/localize';

// Support form and its validators (src/core/validators.ts).
export const templates = {
  'validation.required': str`${0} ist ein Pflichtfeld.`,
  'validation.requiredCheckbox': str`Aktivieren Sie „${0}“, um fortzufahren.`,
  'validation.email': 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
  'validation.number': str`${0} muss eine Zahl sein.`,
  'validation.min': str`${0} muss mindestens ${1} sein.`,
  'validation.max': str`${0} darf höchstens ${1} sein.`,
  'validation.maxLength': str`${0} darf höchstens ${1} Zeichen lang sein.`,
  'validation.date': str`${0} muss ein gültiges Datum sein.`,
  'validation.oneOf': str`Wählen Sie eine der Optionen für ${0}.`,
  'validation.fileTooLarge': str`„${0}“ ist zu groß. Dateien dürfen höchstens ${1} groß sein.`,
  'validation.fileType': str`„${0}“ hat keinen erlaubten Dateityp. Erlaubt: ${1}.`,
  'validation.maxFiles': str`„${0}“ wurde nicht hinzugefügt: Es können höchstens ${1} Dateien angehängt werden.`,

  'supportForm.loadFailed': 'Das Formular konnte nicht geladen werden.',
  'supportForm.signInFirst': 'Melden Sie sich an, um eine Anfrage zu senden.',
  'supportForm.requiredNote': 'Mit * markierte Felder sind Pflichtfelder.',
  'supportForm.choose': 'Bitte wählen…',
  'supportForm.submit': 'Anfrage senden',
  'supportForm.sending': 'Wird gesendet…',

  'supportForm.requester.legend': 'Anfragende Person',
  'supportForm.requester.legendAnonymous': 'Ihre Kontaktdaten',
  'supportForm.requester.name': 'Name',
  'supportForm.requester.email': 'E-Mail-Adresse',
  'supportForm.requester.phone': 'Telefonnummer',
  'supportForm.requester.organization': 'Organisation',

  'supportForm.summary.heading': 'Bitte korrigieren Sie Folgendes:',
  'supportForm.summary.one': 'Bei Ihrer Anfrage gibt es 1 Problem.',
  'supportForm.summary.many': str`Bei Ihrer Anfrage gibt es ${0} Probleme.`,
  'supportForm.error.uploading': 'Warten Sie, bis Ihre Dateien hochgeladen sind, und senden Sie dann erneut.',
  'supportForm.error.signedOut': 'Sie wurden abgemeldet. Melden Sie sich erneut an; Ihre Eingaben bleiben erhalten.',
  'supportForm.error.send':
    'Ihre Anfrage konnte nicht gesendet werden. Ihre Eingaben gehen nicht verloren; bitte versuchen Sie es erneut.',

  'supportForm.suggestions.heading': 'Diese Artikel beantworten vielleicht Ihre Frage',
  'supportForm.suggestions.one': '1 vorgeschlagener Artikel',
  'supportForm.suggestions.many': str`${0} vorgeschlagene Artikel`,

  'supportForm.attach.add': 'Dateien hinzufügen',
  'supportForm.attach.dropHint': 'oder hierher ziehen bzw. einfügen',
  'supportForm.attach.limits': str`Bis zu ${0} Dateien mit je höchstens ${1}.`,
  'supportForm.attach.limitSize': str`Dateien mit je höchstens ${0}.`,
  'supportForm.attach.types': str`Erlaubt: ${0}.`,
  'supportForm.attach.uploading': 'wird hochgeladen',
  'supportForm.attach.done': 'hochgeladen',
  'supportForm.attach.notAttached': 'nicht angehängt',
  'supportForm.attach.remove': str`${0} entfernen`,
  'supportForm.attach.removeShort': 'Entfernen',
  'supportForm.attach.progress': str`${0} wird hochgeladen`,
  'supportForm.upload.failed': str`„${0}“ konnte nicht hochgeladen werden.`,

  'supportForm.success.heading': 'Vielen Dank – Ihre Anfrage wurde gesendet',
  'supportForm.success.number': str`Ihre Ticketnummer lautet ${0}.`,
  'supportForm.success.view': str`Ticket ${0} ansehen`,
  'supportForm.success.new': 'Neue Anfrage',
  'supportForm.queued.heading': 'Ihre Anfrage wartet auf den Versand',
  'supportForm.queued.signedOut': 'Melden Sie sich erneut an, dann wird sie von selbst gesendet.',
  'supportForm.queued.detail':
    'Sie wird von selbst gesendet, sobald der Helpdesk erreichbar ist, auch nach einem Neuladen. Nichts, was Sie eingegeben haben, geht verloren.',
  'supportForm.queued.retry': 'Jetzt versuchen',
  'supportForm.queued.cancel': 'Senden abbrechen',
  'supportForm.picker.heading': 'Worum geht es in Ihrer Anfrage?',
  'supportForm.picker.change': 'Andere Art von Anfrage wählen',
};
