/** Shortest password accepted for a new account or a reset. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password hashed (argon2 takes any length; this bounds the work of a request). */
export const MAX_PASSWORD_LENGTH = 256;

/** What is wrong with a new password, in words for the form, or null when it is acceptable. */
export function passwordProblem(password: string, confirmation: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
  const normalized = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (address && (normalized === address || normalized === address.split('@')[0])) return 'Your password must not be your email address.';
  if (password !== confirmation) return 'The two passwords do not match.';
  return null;
}
