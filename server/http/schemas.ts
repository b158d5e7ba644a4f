/**
 * JSON schemas of request bodies. Unknown fields are refused (not stripped)
 * and types are not coerced, so a client learns exactly which field is wrong.
 */
import { EMAIL_MAX_LENGTH } from '../../src/protocol/index.js';

const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

export const line = (maxLength: number, minLength = 0) =>
  ({ type: 'string', minLength, maxLength, pattern: NO_CONTROL }) as const;

/** The protocol's e-mail rule, registered with ajv as the `email` format (server/app.ts). */
export const email = { type: 'string', minLength: 3, maxLength: EMAIL_MAX_LENGTH, format: 'email' } as const;
export const password = { type: 'string', minLength: 1, maxLength: 256 } as const;
const token = { type: 'string', minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' } as const;
const mode = { type: 'string', enum: ['cookie', 'bearer'] } as const;
const locale = { type: ['string', 'null'], maxLength: 20, pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' } as const;
export const uploadIds = {
  type: 'array',
  maxItems: 20,
  items: { type: 'string', minLength: 1, maxLength: 100 },
} as const;

export const messageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'content'],
  properties: {
    format: { type: 'string', enum: ['text', 'html', 'markdown'] },
    content: { type: 'string', minLength: 1, maxLength: 100_000 },
  },
} as const;

const fieldValue = {
  anyOf: [
    { type: 'string', maxLength: 20_000 },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 500 } },
  ],
} as const;

const obj = (properties: Record<string, unknown>, required: string[] = []) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

export const schemas = {
  signIn: obj(
    {
      email,
      password,
      magicLink: { type: 'boolean' },
      magicToken: token,
      mode,
    },
    ['email'],
  ),
  sso: obj({ jwt: { type: 'string', minLength: 10, maxLength: 8192 }, mode }, ['jwt']),
  register: obj({ email, name: line(200, 1), password, consent: { type: 'boolean' }, mode, locale }, [
    'email',
    'name',
    'password',
    'consent',
  ]),
  resetRequest: obj({ email }, ['email']),
  resetConfirm: obj({ token, password }, ['token', 'password']),
  verifyEmail: obj({ token, mode }, ['token']),
  profile: obj({ name: line(200, 1), phone: { type: ['string', 'null'], maxLength: 50, pattern: NO_CONTROL }, locale }),
  changePassword: obj({ current: password, next: password }, ['current', 'next']),
  reply: obj({ body: messageBody, attachments: uploadIds }, ['body']),
  newTicket: obj(
    {
      formId: line(100, 1),
      // Empty subject and body are the form rules' to refuse (422 on the field), not the shape's.
      subject: { type: 'string', maxLength: 300 },
      body: {
        ...messageBody,
        properties: { ...messageBody.properties, content: { type: 'string', maxLength: 100_000 } },
      },
      fields: { type: 'object', maxProperties: 100, additionalProperties: fieldValue },
      attachments: uploadIds,
      requester: obj({
        name: line(200),
        email,
        phone: line(50),
        organization: line(200),
      }),
    },
    ['formId', 'subject', 'body'],
  ),
  chatStart: obj({ text: { type: 'string', minLength: 1, maxLength: 5000 } }, ['text']),
  chatMessage: obj({ text: { type: 'string', minLength: 1, maxLength: 5000 }, attachments: uploadIds }, ['text']),
} as const;
