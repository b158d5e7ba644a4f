import { str } from '@lit/localize';

// Support form and its validators (src/core/validators.ts).
export const templates = {
  'validation.required': str`${0} is verplicht.`,
  'validation.requiredCheckbox': str`Vink “${0}” aan om verder te gaan.`,
  'validation.email': 'Vul een e-mailadres in zoals naam@voorbeeld.nl.',
  'validation.number': str`${0} moet een getal zijn.`,
  'validation.min': str`${0} moet minimaal ${1} zijn.`,
  'validation.max': str`${0} mag maximaal ${1} zijn.`,
  'validation.maxLength': str`${0} mag maximaal ${1} tekens lang zijn.`,
  'validation.date': str`${0} moet een geldige datum zijn.`,
  'validation.oneOf': str`Kies een van de opties voor ${0}.`,
  'validation.fileTooLarge': str`“${0}” is te groot. Bestanden mogen maximaal ${1} zijn.`,
  'validation.fileType': str`“${0}” is geen toegestaan bestandstype. Toegestaan: ${1}.`,
  'validation.maxFiles': str`“${0}” is niet toegevoegd: er kunnen maximaal ${1} bestanden worden bijgevoegd.`,

  'supportForm.loadFailed': 'Het formulier kon niet worden geladen.',
  'supportForm.signInFirst': 'Meld je aan om een melding in te dienen.',
  'supportForm.requiredNote': 'Velden met * zijn verplicht.',
  'supportForm.choose': 'Kies…',
  'supportForm.submit': 'Melding versturen',
  'supportForm.sending': 'Versturen…',

  'supportForm.requester.legend': 'Aanmelder',
  'supportForm.requester.legendAnonymous': 'Je contactgegevens',
  'supportForm.requester.name': 'Naam',
  'supportForm.requester.email': 'E-mailadres',
  'supportForm.requester.phone': 'Telefoonnummer',
  'supportForm.requester.organization': 'Organisatie',

  'supportForm.summary.heading': 'Verbeter het volgende:',
  'supportForm.summary.one': 'Er is 1 probleem met je melding.',
  'supportForm.summary.many': str`Er zijn ${0} problemen met je melding.`,
  'supportForm.error.uploading': 'Wacht tot je bestanden zijn geüpload en verstuur dan opnieuw.',
  'supportForm.error.signedOut': 'Je bent afgemeld. Meld je opnieuw aan; wat je hebt ingevuld blijft bewaard.',
  'supportForm.error.send':
    'Je melding kon niet worden verstuurd. Er gaat niets verloren van wat je hebt ingevuld; probeer het opnieuw.',

  'supportForm.suggestions.heading': 'Deze artikelen beantwoorden misschien je vraag',
  'supportForm.suggestions.one': '1 voorgesteld artikel',
  'supportForm.suggestions.many': str`${0} voorgestelde artikelen`,

  'supportForm.attach.add': 'Bestanden toevoegen',
  'supportForm.attach.dropHint': 'of sleep of plak ze hier',
  'supportForm.attach.limits': str`Maximaal ${0} bestanden van elk maximaal ${1}.`,
  'supportForm.attach.limitSize': str`Bestanden van maximaal ${0} per stuk.`,
  'supportForm.attach.types': str`Toegestaan: ${0}.`,
  'supportForm.attach.uploading': 'bezig met uploaden',
  'supportForm.attach.done': 'geüpload',
  'supportForm.attach.notAttached': 'niet bijgevoegd',
  'supportForm.attach.remove': str`${0} verwijderen`,
  'supportForm.attach.removeShort': 'Verwijderen',
  'supportForm.attach.progress': str`${0} wordt geüpload`,
  'supportForm.upload.failed': str`“${0}” kon niet worden geüpload.`,

  'supportForm.success.heading': 'Bedankt — je melding is verstuurd',
  'supportForm.success.number': str`Je meldingsnummer is ${0}.`,
  'supportForm.success.view': str`Melding ${0} bekijken`,
  'supportForm.success.new': 'Nieuwe melding',
  'supportForm.queued.heading': 'Uw melding wacht om verzonden te worden',
  'supportForm.queued.signedOut': 'Meld u opnieuw aan, dan wordt de melding vanzelf verzonden.',
  'supportForm.queued.detail':
    'De melding wordt vanzelf verzonden zodra de helpdesk bereikbaar is, ook na het herladen van de pagina. Niets wat u hebt ingevuld gaat verloren.',
  'supportForm.queued.retry': 'Nu proberen',
  'supportForm.queued.cancel': 'Verzenden annuleren',
  'supportForm.picker.heading': 'Waar gaat je melding over?',
  'supportForm.picker.change': 'Kies een ander soort melding',
};
