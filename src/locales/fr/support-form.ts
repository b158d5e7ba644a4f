import { str } from '@lit/localize';

// Support form and its validators (src/core/validators.ts).
export const templates = {
  'validation.required': str`Le champ « ${0} » est obligatoire.`,
  'validation.requiredCheckbox': str`Cochez « ${0} » pour continuer.`,
  'validation.email': 'Saisissez une adresse e-mail du type nom@exemple.fr.',
  'validation.number': str`Le champ « ${0} » doit contenir un nombre.`,
  'validation.min': str`Le champ « ${0} » doit valoir au moins ${1}.`,
  'validation.max': str`Le champ « ${0} » doit valoir au plus ${1}.`,
  'validation.maxLength': str`Le champ « ${0} » ne peut pas dépasser ${1} caractères.`,
  'validation.date': str`Le champ « ${0} » doit contenir une date valide.`,
  'validation.oneOf': str`Choisissez l’une des options pour « ${0} ».`,
  'validation.fileTooLarge': str`« ${0} » est trop volumineux. Les fichiers ne doivent pas dépasser ${1}.`,
  'validation.fileType': str`« ${0} » n’est pas un type de fichier autorisé. Types autorisés : ${1}.`,
  'validation.maxFiles': str`« ${0} » n’a pas été ajouté : vous pouvez joindre ${1} fichiers au maximum.`,

  'supportForm.loadFailed': 'Impossible de charger le formulaire.',
  'supportForm.signInFirst': 'Connectez-vous pour envoyer une demande.',
  'supportForm.requiredNote': 'Les champs marqués d’un * sont obligatoires.',
  'supportForm.choose': 'Choisissez…',
  'supportForm.submit': 'Envoyer la demande',
  'supportForm.sending': 'Envoi en cours…',

  'supportForm.requester.legend': 'Demandeur',
  'supportForm.requester.legendAnonymous': 'Vos coordonnées',
  'supportForm.requester.name': 'Nom',
  'supportForm.requester.email': 'Adresse e-mail',
  'supportForm.requester.phone': 'Numéro de téléphone',
  'supportForm.requester.organization': 'Organisation',

  'supportForm.summary.heading': 'Veuillez corriger les points suivants :',
  'supportForm.summary.one': 'Votre demande comporte 1 problème.',
  'supportForm.summary.many': str`Votre demande comporte ${0} problèmes.`,
  'supportForm.error.uploading': 'Attendez la fin de l’import de vos fichiers, puis renvoyez la demande.',
  'supportForm.error.signedOut': 'Votre session a été fermée. Reconnectez-vous ; vos saisies sont conservées.',
  'supportForm.error.send':
    'Votre demande n’a pas pu être envoyée. Rien de ce que vous avez saisi n’est perdu ; veuillez réessayer.',

  'supportForm.suggestions.heading': 'Ces articles répondent peut-être à votre question',
  'supportForm.suggestions.one': '1 article suggéré',
  'supportForm.suggestions.many': str`${0} articles suggérés`,

  'supportForm.attach.add': 'Ajouter des fichiers',
  'supportForm.attach.dropHint': 'ou faites-les glisser ou collez-les ici',
  'supportForm.attach.limits': str`Jusqu’à ${0} fichiers de ${1} maximum chacun.`,
  'supportForm.attach.limitSize': str`Fichiers de ${0} maximum chacun.`,
  'supportForm.attach.types': str`Types autorisés : ${0}.`,
  'supportForm.attach.uploading': 'import en cours',
  'supportForm.attach.done': 'importé',
  'supportForm.attach.notAttached': 'non joint',
  'supportForm.attach.remove': str`Retirer ${0}`,
  'supportForm.attach.removeShort': 'Retirer',
  'supportForm.attach.progress': str`${0} : import en cours`,
  'supportForm.upload.failed': str`« ${0} » n’a pas pu être importé.`,

  'supportForm.success.heading': 'Merci — votre demande a été envoyée',
  'supportForm.success.number': str`Votre numéro de ticket est ${0}.`,
  'supportForm.success.view': str`Voir le ticket ${0}`,
  'supportForm.success.new': 'Nouvelle demande',
  'supportForm.queued.heading': 'Votre demande attend d’être envoyée',
  'supportForm.queued.signedOut': 'Reconnectez-vous et elle sera envoyée automatiquement.',
  'supportForm.queued.detail':
    'Elle sera envoyée automatiquement dès que le support sera joignable, même après un rechargement. Rien de ce que vous avez saisi n’est perdu.',
  'supportForm.queued.retry': 'Réessayer maintenant',
  'supportForm.queued.cancel': 'Annuler l’envoi',
  'supportForm.picker.heading': 'Quel est l’objet de votre demande ?',
  'supportForm.picker.change': 'Choisir un autre type de demande',
};
