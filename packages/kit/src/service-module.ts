import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EnvSource } from './env';
import type { Logger } from './logger';
import type { RunningService } from './service';

/**
 * A service folder that follows the service contract: `src/env.ts` exports
 * `loadEnv(source)`, `src/service.ts` exports `startService(env, { logger })`.
 * Launchers (npm start, the platform test kit) start services in-process
 * through it without knowing each one's types.
 */
export interface ServiceModule {
  name: string;
  dir: string;
  /** Parses `source` with the service's own env schema and starts it. */
  start(source: EnvSource, options: { logger: Logger }): Promise<RunningService>;
}

type LoadEnv = (source: EnvSource) => unknown;
type StartService = (env: unknown, options: { logger: Logger }) => Promise<RunningService>;

function exported<T>(module: Record<string, unknown>, name: string, file: string): T {
  const value = module[name];
  if (typeof value !== 'function') throw new Error(`${file} does not export a function named ${name} (see the service contract)`);
  return value as T;
}

export async function importServiceModule(name: string, dir: string): Promise<ServiceModule> {
  const envFile = join(dir, 'src', 'env.ts');
  const serviceFile = join(dir, 'src', 'service.ts');
  for (const file of [envFile, serviceFile]) {
    if (!existsSync(file)) throw new Error(`${name}: ${file} is missing (see the service contract)`);
  }
  const [envModule, serviceModule] = (await Promise.all([
    import(pathToFileURL(envFile).href),
    import(pathToFileURL(serviceFile).href),
  ])) as [Record<string, unknown>, Record<string, unknown>];
  const loadEnv = exported<LoadEnv>(envModule, 'loadEnv', envFile);
  const startService = exported<StartService>(serviceModule, 'startService', serviceFile);
  return {
    name,
    dir,
    start: (source, options) => startService(loadEnv(source), options),
  };
}
