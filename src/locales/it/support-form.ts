import { str } from '@lit/localize';

// Support form and its validators (src/core/validators.ts).
// "Il campo …" keeps the messages free of gender agreement with the field label.
export const templates = {
  'validation.required': str`Il campo ${0} è obbligatorio.`,
  'validation.requiredCheckbox': str`Seleziona «${0}» per continuare.`,
  'validation.email': 'Inserisci un indirizzo email valido, ad esempio nome@esempio.it.',
  'validation.number': str`Il campo ${0} deve contenere un numero.`,
  'validation.min': str`Il campo ${0} non può essere inferiore a ${1}.`,
  'validation.max': str`Il campo ${0} non può essere superiore a ${1}.`,
  'validation.maxLength': str`Il campo ${0} può contenere al massimo ${1} caratteri.`,
  'validation.date': str`Il campo ${0} deve contenere una data valida.`,
  'validation.oneOf': str`Scegli una delle opzioni del campo ${0}.`,
  'validation.fileTooLarge': str`«${0}» è troppo grande. La dimensione massima per file è ${1}.`,
  'validation.fileType': str`«${0}» non è un tipo di file consentito. Tipi consentiti: ${1}.`,
  'validation.maxFiles': str`«${0}» non è stato aggiunto: si possono allegare al massimo ${1} file.`,

  'supportForm.loadFailed': 'Impossibile caricare il modulo.',
  'supportForm.signInFirst': 'Accedi per inviare una richiesta.',
  'supportForm.requiredNote': 'I campi contrassegnati da * sono obbligatori.',
  'supportForm.choose': 'Scegli…',
  'supportForm.submit': 'Invia richiesta',
  'supportForm.sending': 'Invio in corso…',

  'supportForm.requester.legend': 'Richiedente',
  'supportForm.requester.legendAnonymous': 'I tuoi dati di contatto',
  'supportForm.requester.name': 'Nome',
  'supportForm.requester.email': 'Indirizzo email',
  'supportForm.requester.phone': 'Numero di telefono',
  'supportForm.requester.organization': 'Azienda',

  'supportForm.summary.heading': 'Correggi quanto segue:',
  'supportForm.summary.one': 'C’è 1 problema nella tua richiesta.',
  'supportForm.summary.many': str`Ci sono ${0} problemi nella tua richiesta.`,
  'supportForm.error.uploading': 'Attendi il termine del caricamento dei file, poi invia di nuovo.',
  'supportForm.error.signedOut': 'La tua sessione è terminata. Accedi di nuovo: i dati inseriti non andranno persi.',
  'supportForm.error.send': 'Impossibile inviare la tua richiesta. I dati inseriti non sono andati persi: riprova.',

  'supportForm.suggestions.heading': 'Questi articoli potrebbero rispondere alla tua domanda',
  'supportForm.suggestions.one': '1 articolo suggerito',
  'supportForm.suggestions.many': str`${0} articoli suggeriti`,

  'supportForm.attach.add': 'Aggiungi file',
  'supportForm.attach.dropHint': 'oppure trascinali o incollali qui',
  'supportForm.attach.limits': str`Fino a ${0} file, massimo ${1} ciascuno.`,
  'supportForm.attach.limitSize': str`File di massimo ${0} ciascuno.`,
  'supportForm.attach.types': str`Tipi consentiti: ${0}.`,
  'supportForm.attach.uploading': 'caricamento in corso',
  'supportForm.attach.done': 'caricato',
  'supportForm.attach.notAttached': 'non allegato',
  'supportForm.attach.remove': str`Rimuovi ${0}`,
  'supportForm.attach.removeShort': 'Rimuovi',
  'supportForm.attach.progress': str`Caricamento di ${0}`,
  'supportForm.upload.failed': str`Impossibile caricare «${0}».`,

  'supportForm.success.heading': 'Grazie, la tua richiesta è stata inviata',
  'supportForm.success.number': str`Il numero del tuo ticket è ${0}.`,
  'supportForm.success.view': str`Visualizza il ticket ${0}`,
  'supportForm.success.new': 'Nuova richiesta',
  'supportForm.queued.heading': 'La tua richiesta è in attesa di invio',
  'supportForm.queued.signedOut': 'Accedi di nuovo e verrà inviata automaticamente.',
  'supportForm.queued.detail':
    'Verrà inviata automaticamente appena l’helpdesk sarà raggiungibile, anche dopo un ricaricamento. Nulla di ciò che hai inserito va perso.',
  'supportForm.queued.retry': 'Riprova ora',
  'supportForm.queued.cancel': 'Annulla invio',
  'supportForm.picker.heading': 'Di cosa tratta la tua richiesta?',
  'supportForm.picker.change': 'Scegli un altro tipo di richiesta',
};
