import { localeDirection, matchLocale, SOURCE_LOCALE, type PorticoLocale } from '../../src/protocol/index.js';

/**
 * Every mail the gateway sends, in every language the widget speaks. A
 * template is a subject and a plain-text body with `{placeholders}`; the
 * site owner may override any of them per locale (`server.mailTemplates`).
 */

export type MailKind =
  | 'verify'
  | 'already-registered'
  | 'reset'
  | 'magic'
  | 'invitation'
  | 'confirm-ticket'
  | 'agent-reply'
  | 'ticket-solved';

export const MAIL_KINDS: readonly MailKind[] = [
  'verify',
  'already-registered',
  'reset',
  'magic',
  'invitation',
  'confirm-ticket',
  'agent-reply',
  'ticket-solved',
];

export interface MailTemplate {
  subject: string;
  text: string;
}

/** Site-owner overrides: kind → locale → subject and/or text. */
export type MailTemplateOverrides = Partial<Record<MailKind, Partial<Record<string, Partial<MailTemplate>>>>>;

type Catalogue = Record<MailKind, MailTemplate>;

const en: Catalogue = {
  verify: {
    subject: 'Confirm your e-mail address for {portal}',
    text:
      'Hello {name},\n\nConfirm that this is your address to finish signing up at {portal} ' +
      '(the link is valid for {hours} hours, once):\n\n{link}\n\nDid not sign up? Then ignore this e-mail; no account is made.',
  },
  'already-registered': {
    subject: 'You already have an account at {portal}',
    text:
      'Hello {name},\n\nSomeone (hopefully you) tried to sign up at {portal} with this address, which has an account already. ' +
      'Sign in at {signInUrl} — or, if you forgot your password, choose a new one with this link (valid for an hour, once):\n\n{link}\n\n' +
      'Did not ask for it? Then ignore this e-mail; nothing changes.',
  },
  reset: {
    subject: 'Choose a new password for {portal}',
    text:
      'Hello {name},\n\nChoose a new password with this link (valid for an hour, once):\n\n{link}\n\n' +
      'Did not ask for it? Then ignore this e-mail; your password stays as it is.',
  },
  magic: {
    subject: 'Sign in to {portal}',
    text:
      'Hello {name},\n\nUse this link to sign in (valid for {minutes} minutes, once):\n\n{link}\n\n' +
      'Did not ask for it? Then ignore this e-mail.',
  },
  invitation: {
    subject: 'Your access to {portal}',
    text:
      'Hello {name},\n\nYou now have access to {portal}, where you can follow and answer your support tickets.\n\n' +
      'Your user name is your e-mail address: {email}\nChoose your password here (valid for {hours} hours):\n\n{link}\n\n' +
      'After that, sign in at {signInUrl}',
  },
  'confirm-ticket': {
    subject: 'Confirm your request to {portal}: {subject}',
    text:
      'Hello,\n\nA request was sent to {portal} in your name:\n\n  {subject}\n\n' +
      'Was it you? Confirm it with this link, and it appears with your tickets:\n\n{link}\n\n' +
      'Not you? Then ignore this e-mail; it stays out of your account.',
  },
  'agent-reply': {
    subject: 'New reply on ticket #{number}: {subject}',
    text: 'Hello {name},\n\n{agent} replied to your ticket "{subject}":\n\n{reply}\n\nRead and answer it here:\n{link}',
  },
  'ticket-solved': {
    subject: 'Ticket #{number} is solved: {subject}',
    text:
      'Hello {name},\n\nYour ticket "{subject}" has been marked as solved.\n\n' +
      'Not solved after all? Answer it here and it goes back to the team:\n{link}',
  },
};

const nl: Catalogue = {
  verify: {
    subject: 'Bevestig je e-mailadres voor {portal}',
    text:
      'Hallo {name},\n\nBevestig dat dit je adres is om je aanmelding bij {portal} af te ronden ' +
      '(de link is {hours} uur geldig, één keer):\n\n{link}\n\nNiet aangemeld? Negeer dan deze e-mail; er wordt geen account gemaakt.',
  },
  'already-registered': {
    subject: 'Je hebt al een account bij {portal}',
    text:
      'Hallo {name},\n\nIemand (hopelijk jij) probeerde zich bij {portal} aan te melden met dit adres, dat al een account heeft. ' +
      'Log in op {signInUrl} — of kies, als je je wachtwoord vergeten bent, een nieuw wachtwoord met deze link (een uur geldig, één keer):\n\n{link}\n\n' +
      'Niet door jou gevraagd? Negeer dan deze e-mail; er verandert niets.',
  },
  reset: {
    subject: 'Kies een nieuw wachtwoord voor {portal}',
    text:
      'Hallo {name},\n\nKies een nieuw wachtwoord met deze link (een uur geldig, één keer):\n\n{link}\n\n' +
      'Niet door jou gevraagd? Negeer dan deze e-mail; je wachtwoord blijft hetzelfde.',
  },
  magic: {
    subject: 'Inloggen bij {portal}',
    text:
      'Hallo {name},\n\nLog in met deze link ({minutes} minuten geldig, één keer):\n\n{link}\n\n' +
      'Niet door jou gevraagd? Negeer dan deze e-mail.',
  },
  invitation: {
    subject: 'Je toegang tot {portal}',
    text:
      'Hallo {name},\n\nJe hebt nu toegang tot {portal}, waar je je meldingen kunt volgen en beantwoorden.\n\n' +
      'Je gebruikersnaam is je e-mailadres: {email}\nKies hier je wachtwoord ({hours} uur geldig):\n\n{link}\n\n' +
      'Daarna log je in op {signInUrl}',
  },
  'confirm-ticket': {
    subject: 'Bevestig je melding bij {portal}: {subject}',
    text:
      'Hallo,\n\nEr is namens jou een melding gedaan bij {portal}:\n\n  {subject}\n\n' +
      'Was jij dat? Bevestig het met deze link, dan staat de melding bij je meldingen:\n\n{link}\n\n' +
      'Niet jij? Negeer dan deze e-mail; de melding komt niet in je account.',
  },
  'agent-reply': {
    subject: 'Nieuw antwoord op melding #{number}: {subject}',
    text: 'Hallo {name},\n\n{agent} heeft gereageerd op je melding "{subject}":\n\n{reply}\n\nLees en beantwoord het hier:\n{link}',
  },
  'ticket-solved': {
    subject: 'Melding #{number} is opgelost: {subject}',
    text:
      'Hallo {name},\n\nJe melding "{subject}" is als opgelost gemarkeerd.\n\n' +
      'Toch niet opgelost? Beantwoord hem hier, dan gaat hij terug naar het team:\n{link}',
  },
};

const de: Catalogue = {
  verify: {
    subject: 'Bestätigen Sie Ihre E-Mail-Adresse für {portal}',
    text:
      'Hallo {name},\n\nBestätigen Sie, dass dies Ihre Adresse ist, um die Registrierung bei {portal} abzuschließen ' +
      '(der Link ist {hours} Stunden gültig, einmal):\n\n{link}\n\nNicht registriert? Dann ignorieren Sie diese E-Mail; es wird kein Konto angelegt.',
  },
  'already-registered': {
    subject: 'Sie haben bereits ein Konto bei {portal}',
    text:
      'Hallo {name},\n\njemand (hoffentlich Sie) wollte sich bei {portal} mit dieser Adresse registrieren, für die es bereits ein Konto gibt. ' +
      'Melden Sie sich unter {signInUrl} an — oder wählen Sie, falls Sie Ihr Passwort vergessen haben, mit diesem Link ein neues (eine Stunde gültig, einmal):\n\n{link}\n\n' +
      'Nicht angefordert? Dann ignorieren Sie diese E-Mail; es ändert sich nichts.',
  },
  reset: {
    subject: 'Neues Passwort für {portal} wählen',
    text:
      'Hallo {name},\n\nwählen Sie mit diesem Link ein neues Passwort (eine Stunde gültig, einmal):\n\n{link}\n\n' +
      'Nicht angefordert? Dann ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  },
  magic: {
    subject: 'Bei {portal} anmelden',
    text:
      'Hallo {name},\n\nmelden Sie sich mit diesem Link an ({minutes} Minuten gültig, einmal):\n\n{link}\n\n' +
      'Nicht angefordert? Dann ignorieren Sie diese E-Mail.',
  },
  invitation: {
    subject: 'Ihr Zugang zu {portal}',
    text:
      'Hallo {name},\n\nSie haben jetzt Zugang zu {portal}, wo Sie Ihre Tickets verfolgen und beantworten können.\n\n' +
      'Ihr Benutzername ist Ihre E-Mail-Adresse: {email}\nWählen Sie hier Ihr Passwort ({hours} Stunden gültig):\n\n{link}\n\n' +
      'Danach melden Sie sich unter {signInUrl} an',
  },
  'confirm-ticket': {
    subject: 'Bestätigen Sie Ihre Anfrage an {portal}: {subject}',
    text:
      'Hallo,\n\nin Ihrem Namen wurde eine Anfrage an {portal} gesendet:\n\n  {subject}\n\n' +
      'Waren Sie das? Bestätigen Sie sie mit diesem Link, dann erscheint sie bei Ihren Tickets:\n\n{link}\n\n' +
      'Nicht Sie? Dann ignorieren Sie diese E-Mail; die Anfrage bleibt außerhalb Ihres Kontos.',
  },
  'agent-reply': {
    subject: 'Neue Antwort auf Ticket #{number}: {subject}',
    text: 'Hallo {name},\n\n{agent} hat auf Ihr Ticket „{subject}“ geantwortet:\n\n{reply}\n\nHier lesen und antworten:\n{link}',
  },
  'ticket-solved': {
    subject: 'Ticket #{number} ist gelöst: {subject}',
    text:
      'Hallo {name},\n\nIhr Ticket „{subject}“ wurde als gelöst markiert.\n\n' +
      'Doch nicht gelöst? Antworten Sie hier, dann geht es zurück an das Team:\n{link}',
  },
};

const fr: Catalogue = {
  verify: {
    subject: 'Confirmez votre adresse e-mail pour {portal}',
    text:
      'Bonjour {name},\n\nConfirmez que cette adresse est la vôtre pour terminer votre inscription sur {portal} ' +
      '(le lien est valable {hours} heures, une seule fois) :\n\n{link}\n\nVous ne vous êtes pas inscrit ? Ignorez cet e-mail ; aucun compte n’est créé.',
  },
  'already-registered': {
    subject: 'Vous avez déjà un compte sur {portal}',
    text:
      'Bonjour {name},\n\nQuelqu’un (vous, espérons-le) a essayé de s’inscrire sur {portal} avec cette adresse, qui a déjà un compte. ' +
      'Connectez-vous sur {signInUrl} — ou, si vous avez oublié votre mot de passe, choisissez-en un nouveau avec ce lien (valable une heure, une seule fois) :\n\n{link}\n\n' +
      'Vous n’avez rien demandé ? Ignorez cet e-mail ; rien ne change.',
  },
  reset: {
    subject: 'Choisissez un nouveau mot de passe pour {portal}',
    text:
      'Bonjour {name},\n\nChoisissez un nouveau mot de passe avec ce lien (valable une heure, une seule fois) :\n\n{link}\n\n' +
      'Vous n’avez rien demandé ? Ignorez cet e-mail ; votre mot de passe ne change pas.',
  },
  magic: {
    subject: 'Connexion à {portal}',
    text:
      'Bonjour {name},\n\nUtilisez ce lien pour vous connecter (valable {minutes} minutes, une seule fois) :\n\n{link}\n\n' +
      'Vous n’avez rien demandé ? Ignorez cet e-mail.',
  },
  invitation: {
    subject: 'Votre accès à {portal}',
    text:
      'Bonjour {name},\n\nVous avez maintenant accès à {portal}, où vous pouvez suivre vos tickets et y répondre.\n\n' +
      'Votre identifiant est votre adresse e-mail : {email}\nChoisissez votre mot de passe ici (valable {hours} heures) :\n\n{link}\n\n' +
      'Ensuite, connectez-vous sur {signInUrl}',
  },
  'confirm-ticket': {
    subject: 'Confirmez votre demande à {portal} : {subject}',
    text:
      'Bonjour,\n\nUne demande a été envoyée à {portal} en votre nom :\n\n  {subject}\n\n' +
      'C’était vous ? Confirmez-la avec ce lien et elle apparaîtra avec vos tickets :\n\n{link}\n\n' +
      'Ce n’était pas vous ? Ignorez cet e-mail ; elle reste en dehors de votre compte.',
  },
  'agent-reply': {
    subject: 'Nouvelle réponse au ticket n° {number} : {subject}',
    text: 'Bonjour {name},\n\n{agent} a répondu à votre ticket « {subject} » :\n\n{reply}\n\nLisez-la et répondez ici :\n{link}',
  },
  'ticket-solved': {
    subject: 'Le ticket n° {number} est résolu : {subject}',
    text:
      'Bonjour {name},\n\nVotre ticket « {subject} » a été marqué comme résolu.\n\n' +
      'Pas résolu finalement ? Répondez ici et il retournera à l’équipe :\n{link}',
  },
};

const it: Catalogue = {
  verify: {
    subject: 'Conferma il tuo indirizzo e-mail per {portal}',
    text:
      'Ciao {name},\n\nConferma che questo è il tuo indirizzo per completare la registrazione a {portal} ' +
      '(il link è valido {hours} ore, una sola volta):\n\n{link}\n\nNon ti sei registrato? Ignora questa e-mail; nessun account viene creato.',
  },
  'already-registered': {
    subject: 'Hai già un account su {portal}',
    text:
      'Ciao {name},\n\nqualcuno (speriamo tu) ha provato a registrarsi su {portal} con questo indirizzo, che ha già un account. ' +
      'Accedi su {signInUrl} — oppure, se hai dimenticato la password, scegline una nuova con questo link (valido un’ora, una sola volta):\n\n{link}\n\n' +
      'Non l’hai chiesto tu? Ignora questa e-mail; non cambia nulla.',
  },
  reset: {
    subject: 'Scegli una nuova password per {portal}',
    text:
      'Ciao {name},\n\nscegli una nuova password con questo link (valido un’ora, una sola volta):\n\n{link}\n\n' +
      'Non l’hai chiesto tu? Ignora questa e-mail; la tua password resta quella di prima.',
  },
  magic: {
    subject: 'Accedi a {portal}',
    text:
      'Ciao {name},\n\nusa questo link per accedere (valido {minutes} minuti, una sola volta):\n\n{link}\n\n' +
      'Non l’hai chiesto tu? Ignora questa e-mail.',
  },
  invitation: {
    subject: 'Il tuo accesso a {portal}',
    text:
      'Ciao {name},\n\nora hai accesso a {portal}, dove puoi seguire e rispondere ai tuoi ticket.\n\n' +
      'Il tuo nome utente è il tuo indirizzo e-mail: {email}\nScegli qui la tua password (valida {hours} ore):\n\n{link}\n\n' +
      'Poi accedi su {signInUrl}',
  },
  'confirm-ticket': {
    subject: 'Conferma la tua richiesta a {portal}: {subject}',
    text:
      'Ciao,\n\nè stata inviata a {portal} una richiesta a tuo nome:\n\n  {subject}\n\n' +
      'Sei stato tu? Confermala con questo link e comparirà tra i tuoi ticket:\n\n{link}\n\n' +
      'Non sei stato tu? Ignora questa e-mail; la richiesta resta fuori dal tuo account.',
  },
  'agent-reply': {
    subject: 'Nuova risposta al ticket n. {number}: {subject}',
    text: 'Ciao {name},\n\n{agent} ha risposto al tuo ticket «{subject}»:\n\n{reply}\n\nLeggi e rispondi qui:\n{link}',
  },
  'ticket-solved': {
    subject: 'Il ticket n. {number} è risolto: {subject}',
    text:
      'Ciao {name},\n\nil tuo ticket «{subject}» è stato segnato come risolto.\n\n' +
      'Non è risolto? Rispondi qui e tornerà al team:\n{link}',
  },
};

const nb: Catalogue = {
  verify: {
    subject: 'Bekreft e-postadressen din for {portal}',
    text:
      'Hei {name},\n\nBekreft at dette er adressen din for å fullføre registreringen hos {portal} ' +
      '(lenken gjelder i {hours} timer, én gang):\n\n{link}\n\nHar du ikke registrert deg? Da kan du se bort fra denne e-posten; ingen konto blir opprettet.',
  },
  'already-registered': {
    subject: 'Du har allerede en konto hos {portal}',
    text:
      'Hei {name},\n\nNoen (forhåpentligvis du) prøvde å registrere seg hos {portal} med denne adressen, som allerede har en konto. ' +
      'Logg inn på {signInUrl} — eller, hvis du har glemt passordet, velg et nytt med denne lenken (gjelder i en time, én gang):\n\n{link}\n\n' +
      'Ba du ikke om dette? Da kan du se bort fra denne e-posten; ingenting endres.',
  },
  reset: {
    subject: 'Velg et nytt passord for {portal}',
    text:
      'Hei {name},\n\nVelg et nytt passord med denne lenken (gjelder i en time, én gang):\n\n{link}\n\n' +
      'Ba du ikke om dette? Da kan du se bort fra denne e-posten; passordet ditt forblir som før.',
  },
  magic: {
    subject: 'Logg inn på {portal}',
    text:
      'Hei {name},\n\nBruk denne lenken for å logge inn (gjelder i {minutes} minutter, én gang):\n\n{link}\n\n' +
      'Ba du ikke om dette? Da kan du se bort fra denne e-posten.',
  },
  invitation: {
    subject: 'Din tilgang til {portal}',
    text:
      'Hei {name},\n\nDu har nå tilgang til {portal}, der du kan følge og svare på sakene dine.\n\n' +
      'Brukernavnet ditt er e-postadressen din: {email}\nVelg passordet ditt her (gjelder i {hours} timer):\n\n{link}\n\n' +
      'Deretter logger du inn på {signInUrl}',
  },
  'confirm-ticket': {
    subject: 'Bekreft henvendelsen din til {portal}: {subject}',
    text:
      'Hei,\n\nEn henvendelse ble sendt til {portal} i ditt navn:\n\n  {subject}\n\n' +
      'Var det deg? Bekreft den med denne lenken, så vises den blant sakene dine:\n\n{link}\n\n' +
      'Ikke deg? Da kan du se bort fra denne e-posten; den holdes utenfor kontoen din.',
  },
  'agent-reply': {
    subject: 'Nytt svar på sak #{number}: {subject}',
    text: 'Hei {name},\n\n{agent} har svart på saken din «{subject}»:\n\n{reply}\n\nLes og svar her:\n{link}',
  },
  'ticket-solved': {
    subject: 'Sak #{number} er løst: {subject}',
    text:
      'Hei {name},\n\nSaken din «{subject}» er markert som løst.\n\n' +
      'Ikke løst likevel? Svar her, så går den tilbake til teamet:\n{link}',
  },
};

const he: Catalogue = {
  verify: {
    subject: 'אימות כתובת האימייל שלך ב-{portal}',
    text:
      'שלום {name},\n\nכדי להשלים את ההרשמה ל-{portal}, יש לאשר שזו הכתובת שלך ' +
      '(הקישור תקף ל-{hours} שעות, לשימוש חד־פעמי):\n\n{link}\n\nלא נרשמת? אפשר להתעלם מהאימייל הזה; לא ייפתח חשבון.',
  },
  'already-registered': {
    subject: 'כבר יש לך חשבון ב-{portal}',
    text:
      'שלום {name},\n\nהתקבל ניסיון להירשם ל-{portal} עם הכתובת הזו (אנחנו מקווים שהניסיון היה שלך), אבל כבר יש לה חשבון. ' +
      'אפשר להתחבר בכתובת {signInUrl} — או, אם שכחת את הסיסמה, לבחור סיסמה חדשה בקישור הזה (תקף לשעה, לשימוש חד־פעמי):\n\n{link}\n\n' +
      'לא ביקשת זאת? אפשר להתעלם מהאימייל הזה; שום דבר לא ישתנה.',
  },
  reset: {
    subject: 'בחירת סיסמה חדשה ל-{portal}',
    text:
      'שלום {name},\n\nאפשר לבחור סיסמה חדשה בקישור הזה (תקף לשעה, לשימוש חד־פעמי):\n\n{link}\n\n' +
      'לא ביקשת זאת? אפשר להתעלם מהאימייל הזה; הסיסמה שלך לא תשתנה.',
  },
  magic: {
    subject: 'התחברות ל-{portal}',
    text:
      'שלום {name},\n\nלהתחברות יש להשתמש בקישור הזה (תקף ל-{minutes} דקות, לשימוש חד־פעמי):\n\n{link}\n\n' +
      'לא ביקשת זאת? אפשר להתעלם מהאימייל הזה.',
  },
  invitation: {
    subject: 'הגישה שלך ל-{portal}',
    text:
      'שלום {name},\n\nמעכשיו יש לך גישה ל-{portal}, שבו אפשר לעקוב אחרי פניות התמיכה שלך ולהגיב עליהן.\n\n' +
      'שם המשתמש שלך הוא כתובת האימייל שלך: {email}\nכאן אפשר לבחור סיסמה (הקישור תקף ל-{hours} שעות):\n\n{link}\n\n' +
      'לאחר מכן אפשר להתחבר בכתובת {signInUrl}',
  },
  'confirm-ticket': {
    subject: 'אישור הפנייה שלך ל-{portal}: {subject}',
    text:
      'שלום,\n\nנשלחה בשמך פנייה ל-{portal}:\n\n  {subject}\n\n' +
      'שלחת אותה? אפשר לאשר אותה בקישור הזה, והיא תופיע עם שאר הפניות שלך:\n\n{link}\n\n' +
      'לא שלחת אותה? אפשר להתעלם מהאימייל הזה; הפנייה לא תצורף לחשבון שלך.',
  },
  'agent-reply': {
    subject: 'תגובה חדשה לפנייה מס׳ {number}: {subject}',
    text: 'שלום {name},\n\nהתקבלה תגובה מאת {agent} לפנייה שלך "{subject}":\n\n{reply}\n\nלקריאה ולתגובה:\n{link}',
  },
  'ticket-solved': {
    subject: 'פנייה מס׳ {number} נפתרה: {subject}',
    text:
      'שלום {name},\n\nהפנייה שלך "{subject}" סומנה כפנייה שנפתרה.\n\n' +
      'הבעיה לא נפתרה בכל זאת? אפשר להגיב כאן, והפנייה תחזור לצוות:\n{link}',
  },
};

/** The closing line of notification mail, with the one-click opt-out. */
const OPT_OUT: Record<PorticoLocale, string> = {
  en: 'You get this e-mail because you follow this ticket. No more e-mails like this: {optOutLink}',
  nl: 'Je krijgt deze e-mail omdat je deze melding volgt. Geen e-mails meer zoals deze: {optOutLink}',
  de: 'Sie erhalten diese E-Mail, weil Sie dieses Ticket verfolgen. Keine solchen E-Mails mehr: {optOutLink}',
  fr: 'Vous recevez cet e-mail parce que vous suivez ce ticket. Ne plus recevoir ces e-mails : {optOutLink}',
  it: 'Ricevi questa e-mail perché segui questo ticket. Non ricevere più e-mail come questa: {optOutLink}',
  nb: 'Du får denne e-posten fordi du følger denne saken. Ingen flere e-poster som denne: {optOutLink}',
  he: 'האימייל הזה נשלח אליך כי הפנייה הזו במעקב שלך. להפסקת קבלת אימיילים כאלה: {optOutLink}',
};

export const CATALOGUES: Record<PorticoLocale, Catalogue> = { en, nl, de, fr, it, nb, he };

export type MailVars = Record<string, string | number>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const fill = (template: string, vars: MailVars) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text as HTML paragraphs, with the http(s) links clickable. */
function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      const html = escapeHtml(para)
        .replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>');
      return `<p>${html}</p>`;
    })
    .join('\n');
}

/** The language of a mail: the person's own, else what their browser asked in, else the portal's. */
export function mailLocale(...candidates: Array<string | null | undefined>): PorticoLocale {
  for (const c of candidates) {
    const m = matchLocale(c);
    if (m) return m;
  }
  return SOURCE_LOCALE;
}

/**
 * A mail of `kind` in `locale` with the site owner's overrides, as plain text
 * and as HTML headed by the portal's name and logo.
 */
export function renderMail(
  kind: MailKind,
  locale: PorticoLocale,
  vars: MailVars,
  portal: { name: string; logoUrl: string | null },
  overrides: MailTemplateOverrides = {},
): RenderedMail {
  const own = overrides[kind]?.[locale] ?? {};
  const base = CATALOGUES[locale][kind];
  const all: MailVars = { portal: portal.name, ...vars };
  const subject = fill(own.subject ?? base.subject, all).replace(/[\r\n]+/g, ' ');
  let text = fill(own.text ?? base.text, all);
  if ('optOutLink' in vars) text += `\n\n--\n${fill(OPT_OUT[locale], all)}`;
  // A physical margin on the name's side: mail clients do not all know logical properties.
  const logo =
    portal.logoUrl && /^https?:\/\//i.test(portal.logoUrl)
      ? `<img src="${escapeHtml(portal.logoUrl)}" alt="" height="32" style="vertical-align:middle;margin-${localeDirection(locale) === 'rtl' ? 'left' : 'right'}:8px">`
      : '';
  const html =
    `<!doctype html><html lang="${locale}" dir="${localeDirection(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5">` +
    `<div style="font-weight:600;font-size:1.1em;margin-bottom:1em">${logo}${escapeHtml(portal.name)}</div>\n` +
    `${textToHtml(text)}\n</body></html>`;
  return { subject, text: text + '\n', html };
}

/** The page of the one-click opt-out link (GET asks, POST does it: mail scanners only GET). */
export const OPT_OUT_PAGE: Record<
  PorticoLocale,
  { title: string; ask: string; button: string; done: string; unknown: string }
> = {
  en: {
    title: 'E-mail notifications',
    ask: 'Stop e-mails about your tickets from {portal}? You can turn them on again in your profile.',
    button: 'Stop these e-mails',
    done: 'Done: {portal} sends you no more e-mails about your tickets. You can turn them on again in your profile.',
    unknown: 'This link is not valid. Sign in to {portal} to change your e-mail settings in your profile.',
  },
  nl: {
    title: 'E-mailmeldingen',
    ask: 'Geen e-mails meer van {portal} over je meldingen? Je kunt ze in je profiel weer aanzetten.',
    button: 'Stop deze e-mails',
    done: 'Klaar: {portal} stuurt je geen e-mails meer over je meldingen. Je kunt ze in je profiel weer aanzetten.',
    unknown: 'Deze link is niet geldig. Log in bij {portal} om je e-mailinstellingen in je profiel te wijzigen.',
  },
  de: {
    title: 'E-Mail-Benachrichtigungen',
    ask: 'Keine E-Mails mehr von {portal} zu Ihren Tickets? Sie können sie in Ihrem Profil wieder einschalten.',
    button: 'Diese E-Mails abbestellen',
    done: 'Erledigt: {portal} sendet Ihnen keine E-Mails mehr zu Ihren Tickets. Sie können sie in Ihrem Profil wieder einschalten.',
    unknown:
      'Dieser Link ist ungültig. Melden Sie sich bei {portal} an, um Ihre E-Mail-Einstellungen im Profil zu ändern.',
  },
  fr: {
    title: 'Notifications par e-mail',
    ask: 'Ne plus recevoir d’e-mails de {portal} sur vos tickets ? Vous pourrez les réactiver dans votre profil.',
    button: 'Arrêter ces e-mails',
    done: 'C’est fait : {portal} ne vous envoie plus d’e-mails sur vos tickets. Vous pouvez les réactiver dans votre profil.',
    unknown:
      'Ce lien n’est pas valide. Connectez-vous à {portal} pour modifier vos réglages d’e-mail dans votre profil.',
  },
  it: {
    title: 'Notifiche via e-mail',
    ask: 'Non ricevere più e-mail da {portal} sui tuoi ticket? Puoi riattivarle nel tuo profilo.',
    button: 'Interrompi queste e-mail',
    done: 'Fatto: {portal} non ti invia più e-mail sui tuoi ticket. Puoi riattivarle nel tuo profilo.',
    unknown: 'Questo link non è valido. Accedi a {portal} per cambiare le impostazioni e-mail nel tuo profilo.',
  },
  nb: {
    title: 'Varsler på e-post',
    ask: 'Ingen flere e-poster fra {portal} om sakene dine? Du kan slå dem på igjen i profilen din.',
    button: 'Stopp disse e-postene',
    done: 'Ferdig: {portal} sender deg ikke flere e-poster om sakene dine. Du kan slå dem på igjen i profilen din.',
    unknown: 'Denne lenken er ikke gyldig. Logg inn på {portal} for å endre e-postinnstillingene i profilen din.',
  },
  he: {
    title: 'התראות באימייל',
    ask: 'להפסיק לקבל מ-{portal} אימיילים על הפניות שלך? אפשר להפעיל אותם מחדש בפרופיל.',
    button: 'הפסקת האימיילים האלה',
    done: 'בוצע: {portal} לא ישלח לך עוד אימיילים על הפניות שלך. אפשר להפעיל אותם מחדש בפרופיל.',
    unknown: 'הקישור הזה אינו תקף. כדי לשנות את הגדרות האימייל בפרופיל, יש להתחבר ל-{portal}.',
  },
};

/** The opt-out page as HTML, in `locale`. */
export function optOutPage(
  locale: PorticoLocale,
  portalName: string,
  state: 'ask' | 'done' | 'unknown',
  token: string,
): string {
  const t = OPT_OUT_PAGE[locale];
  const say = (s: string) => escapeHtml(fill(s, { portal: portalName }));
  const form =
    state === 'ask'
      ? `<form method="post" action="?t=${encodeURIComponent(token)}"><button type="submit">${say(t.button)}</button></form>`
      : '';
  return (
    `<!doctype html><html lang="${locale}" dir="${localeDirection(locale)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${say(t.title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5">` +
    `<h1>${say(t.title)}</h1><p>${say(t[state])}</p>${form}</body></html>`
  );
}
