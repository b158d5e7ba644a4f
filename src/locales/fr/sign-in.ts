import { str } from '@lit/localize';

export const templates = {
  'signIn.heading': 'Connexion',
  'signIn.email': 'Adresse e-mail',
  'signIn.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.pending': 'Connexion en cours…',
  'signIn.forgot': 'Mot de passe oublié ?',
  'signIn.or': 'ou',
  'signIn.magicLink': 'M’envoyer un lien de connexion',
  'signIn.sending': 'Envoi en cours…',
  'signIn.magicSent.heading': 'Consultez votre boîte de réception',
  'signIn.magicSent.body': str`Si un compte existe pour ${0}, nous y avons envoyé un lien de connexion. Ouvrez ce lien sur cet appareil pour vous connecter.`,
  'signIn.reset.heading': 'Réinitialiser votre mot de passe',
  'signIn.reset.intro':
    'Saisissez l’adresse e-mail que vous utilisez pour vous connecter. Nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  'signIn.reset.submit': 'Envoyer le lien',
  'signIn.resetSent.heading': 'Consultez votre boîte de réception',
  'signIn.resetSent.body': str`Si un compte existe pour ${0}, nous y avons envoyé un lien pour choisir un nouveau mot de passe.`,
  'signIn.backToSignIn': 'Retour à la connexion',
  'signIn.error.emailMissing': 'Saisissez votre adresse e-mail.',
  'signIn.error.emailInvalid': 'Saisissez une adresse e-mail du type nom@exemple.fr.',
  'signIn.error.passwordMissing': 'Saisissez votre mot de passe.',
  'signIn.error.credentials': 'L’adresse e-mail ou le mot de passe est incorrect. Vérifiez-les et réessayez.',
};
