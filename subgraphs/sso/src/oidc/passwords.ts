import { hash, verify, type Options } from '@node-rs/argon2';

/** `Algorithm.Argon2id`: the package's const enum cannot be imported under verbatimModuleSyntax. */
const ARGON2ID = 2;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): the library's defaults, spelled out so a
// dependency upgrade cannot weaken them silently. The PHC string records them, so raising them later
// keeps old hashes verifiable.
const options: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** False for a wrong password and for a malformed hash alike. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification when there is no hash to check (unknown email), so the
 * response time does not tell which emails have accounts.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('a password nobody has');
  await verifyPassword(await dummy, password);
  return false;
}
