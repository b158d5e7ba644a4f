import { CHAT_MESSAGE_FORM_ID, type FormSchema } from '../../src/protocol/index.js';

/**
 * Forms every gateway has, because a flow of the widget depends on them:
 * chat's "leave a message" sends a subject and a message, nothing else.
 * Created when missing; a site owner may change them like any other form.
 */
export const BUILTIN_FORMS: FormSchema[] = [
  {
    id: CHAT_MESSAGE_FORM_ID,
    listed: false,
    name: {
      en: 'Message from the chat',
      nl: 'Bericht uit de chat',
      it: 'Messaggio dalla chat',
      nb: 'Melding fra chatten',
      de: 'Nachricht aus dem Chat',
      fr: 'Message laissé dans le chat',
      he: 'הודעה מהצ׳אט',
    },
    service: 'Chat',
    fields: [
      {
        id: 'subject',
        type: 'text',
        label: { en: 'Subject', nl: 'Onderwerp', it: 'Oggetto', nb: 'Emne', de: 'Betreff', fr: 'Objet', he: 'נושא' },
        required: true,
        maxLength: 300,
      },
      {
        id: 'message',
        type: 'textarea',
        label: {
          en: 'Message',
          nl: 'Bericht',
          it: 'Messaggio',
          nb: 'Melding',
          de: 'Nachricht',
          fr: 'Message',
          he: 'הודעה',
        },
        required: true,
      },
    ],
  },
];
