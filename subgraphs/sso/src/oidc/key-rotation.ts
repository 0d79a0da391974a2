import type { ProviderKeyRow, UserStore } from '../store';
import { newSigningKey } from './keys';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RotationOptions {
  /** Add a new signing key (it signs from the next start of each replica). Default true. */
  addKey: boolean;
  /** Retire signing keys created more than this many days ago (never the newest unretired one). */
  retireOlderThanDays: number | null;
  /** Retire these signing keys by id (`kid`). */
  retire: string[];
}

export interface RotationResult {
  added: ProviderKeyRow | null;
  retired: string[];
  /** The signing keys published after the change, newest first (the first one signs). */
  published: { kid: string; createdAt: Date }[];
}

export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationError';
  }
}

/** Parses `--retire-older-than=<days>`, `--retire=<kid>` (repeatable, or `--retire <kid>`) and `--no-new-key`. */
export function parseRotationArgs(args: readonly string[]): RotationOptions {
  const options: RotationOptions = { addKey: true, retireOlderThanDays: null, retire: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? args[++i];
      if (next === undefined || next === '') throw new RotationError(`${name} needs a value`);
      return next;
    };
    if (name === '--no-new-key') options.addKey = false;
    else if (name === '--retire') options.retire.push(value());
    else if (name === '--retire-older-than') {
      const raw = value();
      const days = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(days))
        throw new RotationError(`--retire-older-than expects a number of days, not ${raw}`);
      options.retireOlderThanDays = days;
    } else throw new RotationError(`Unknown argument ${arg} (use --retire-older-than=<days>, --retire=<kid>, --no-new-key)`);
  }
  if (!options.addKey && options.retireOlderThanDays === null && !options.retire.length) {
    throw new RotationError('Nothing to do: --no-new-key needs --retire or --retire-older-than');
  }
  return options;
}

/**
 * Rotates the provider's signing keys in the store: adds a new key (the newest unretired key signs once each
 * replica restarts) and retires old ones (they leave the JWKS at the next restart). Refuses to retire every key,
 * and refuses unknown or non-signing kids, changing nothing then.
 */
export async function rotateSigningKeys(store: UserStore, options: RotationOptions, now = new Date()): Promise<RotationResult> {
  const keys = (await store.providerKeys()).filter((row) => row.use === 'sig');
  const unknown = options.retire.filter((kid) => !keys.some((row) => row.id === kid));
  if (unknown.length) throw new RotationError(`No signing key with id ${unknown.join(', ')}`);

  const added = options.addKey ? newSigningKey(now) : null;
  const active = [...keys.filter((row) => !row.retiredAt), ...(added ? [added] : [])];
  const newest = active.at(-1);
  const cutoff = options.retireOlderThanDays === null ? null : now.getTime() - options.retireOlderThanDays * DAY_MS;
  const toRetire = active.filter(
    (row) => row !== added && (options.retire.includes(row.id) || (cutoff !== null && row.createdAt.getTime() < cutoff)),
  );
  if (newest && toRetire.includes(newest)) {
    throw new RotationError(`Refusing to retire ${newest.id}: it is the newest signing key (add a new one first)`);
  }
  if (!active.length || toRetire.length >= active.length) throw new RotationError('Refusing to retire every signing key');

  if (added) await store.addProviderKey(added);
  const retired: string[] = [];
  for (const row of toRetire) if (await store.retireProviderKey(row.id, now)) retired.push(row.id);
  const published = (await store.providerKeys())
    .filter((row) => row.use === 'sig' && !row.retiredAt)
    .reverse()
    .map((row) => ({ kid: row.id, createdAt: row.createdAt }));
  return { added, retired, published };
}
