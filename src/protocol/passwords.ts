/** The password rule customers see on sign-up and password change, and the gateway enforces. */
import type { ValueProblem } from './forms.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function passwordProblem(password: string): ValueProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return { code: 'password-too-short', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'max-length', params: { max: PASSWORD_MAX_LENGTH } };
  return null;
}
