/**
 * What makes a password acceptable. Length matters most (NIST SP 800-63B): at least 10
 * characters, not a well-known password, and not the email itself.
 */
const COMMON = new Set([
  "password",
  "password1",
  "password12",
  "password123",
  "passw0rd",
  "123456789",
  "1234567890",
  "qwertyuiop",
  "iloveyou",
  "letmein123",
  "welcome123",
  "administrator",
  "trustno1",
  "1q2w3e4r5t",
  "qwerty123",
  "abc123456",
  "football1",
  "monkey1234",
  "sunshine1",
  "princess1",
  "0123456789",
  "strata1234",
  "strategies",
  "trading123",
  "bitcoin123",
]);

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** Returns why the password is too weak, as a sentence for the sign-up form, or null when it is fine. */
export function passwordWeakness(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters for your password (it has ${password.length}).`;
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters for your password.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "This password is too common; choose one that others are unlikely to use.";
  if (new Set(lower).size < 4) return "This password repeats too few characters; mix in more different ones.";
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) return "Your password must not contain your email address.";
  return null;
}
