import { registerDecorator, type ValidationArguments } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 hashes any length, but an unbounded input is free work for an attacker. */
export const PASSWORD_MAX_LENGTH = 200;

/**
 * The most common passwords of at least twelve characters in public breach corpora (the shorter
 * ones are already refused by the length rule), compared case-insensitively. A short list by
 * design: it stops the guesses an attacker tries first without shipping a large dictionary.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyuiopasdf',
  'qwerty1234567',
  'asdfghjkl123',
  'zaq12wsxcde3',
  'password1234',
  'password12345',
  'password123456',
  'password123!',
  'passwordpassword',
  'p@ssw0rd1234',
  'iloveyou1234',
  'welcome12345',
  'welcome123456',
  'letmein12345',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin123',
  'changeme1234',
  'changeme12345',
  'abc123456789',
  'abcdefghijkl',
  'abcdefghijklm',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  '987654321098',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'trustno11234',
  'monkey123456',
  'dragon123456',
  'superman1234',
  'starwars1234',
  'whatever1234',
  'qazwsxedcrfv',
  'mypassword123',
  'correcthorsebatterystaple',
]);

/**
 * Why `password` may not be used by the account of `email`, or null when it may. The rules:
 * 12 to 200 characters, not the email address or its name part, not one of the most common
 * passwords, and not one character repeated.
 */
export function passwordPolicyProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const name = address.split('@')[0];
  if (lowered === address || (name.length >= 4 && lowered.includes(name))) return 'must not be or contain the email address';
  if (COMMON_PASSWORDS.has(lowered)) return 'is one of the most common passwords: choose another';
  if (new Set(lowered).size === 1) return 'must not be one character repeated';
  return null;
}

/** Checks a password property against the policy, with the account's email read from `emailProperty` of the same object. */
export function IsAcceptablePassword(emailProperty: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value === 'string' && passwordPolicyProblem(value, String(Reflect.get(args.object, emailProperty) ?? '')) === null,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string'
            ? (passwordPolicyProblem(args.value, String(Reflect.get(args.object, emailProperty) ?? '')) ?? 'is not acceptable')
            : 'must be a string',
      },
    });
  };
}
