/**
 * The environment of docker/spa-server.ts, the container entry of web-client and web-admin, and the only
 * place it is read. Self-contained (no zod): the web app images ship no node_modules.
 */
export type SpaEnvSource = Record<string, string | undefined>;

export interface SpaEnv {
  /** Which app this is: `web-client` or `web-admin`; shown by /health and in logs. */
  APP_NAME: string;
  NODE_ENV: 'development' | 'production' | 'test';
  HOST: string;
  PORT: number;
  /** The app's Vite build (folder holding index.html). */
  DIST_DIR: string;
  /** The gateway as the browser reaches it, served as `graphqlUrl` in /config.json. */
  GRAPHQL_URL: string;
  LOG_LEVEL: LogLevel;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where each app listens unless PORT says otherwise (the port map of DESIGN.md). */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'web-client': 3008, 'web-admin': 3009 };

export const DEFAULT_GRAPHQL_URL = 'http://localhost:3000/graphql';

/** Raised when configuration is invalid; lists every problem at once (like EnvError in @market/kit). */
export class SpaEnvError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${app}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SpaEnvError';
  }
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

export function loadSpaEnv(source: SpaEnvSource = process.env): SpaEnv {
  const problems: string[] = [];
  // Empty strings mean "unset", as in @market/kit's defineEnv.
  const get = (key: string) => (source[key] === '' ? undefined : source[key]);

  const app = get('APP_NAME');
  if (app === undefined) problems.push('APP_NAME: required (web-client or web-admin)');
  const appName = app ?? 'web app';

  const nodeEnv = get('NODE_ENV') ?? 'development';
  if (!isOneOf(['development', 'production', 'test'] as const, nodeEnv))
    problems.push(`NODE_ENV: must be development, production or test, not "${nodeEnv}"`);

  const rawPort = get('PORT');
  const fallbackPort = app === undefined ? undefined : DEFAULT_PORTS[app];
  let port = fallbackPort ?? 0;
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65535) problems.push(`PORT: must be an integer from 0 to 65535, not "${rawPort}"`);
  } else if (fallbackPort === undefined) {
    problems.push('PORT: required for an app without a default port');
  }

  const graphqlUrl = get('GRAPHQL_URL') ?? DEFAULT_GRAPHQL_URL;
  // Absolute http(s), or a path on the app's own origin behind a reverse proxy (e.g. `/graphql`).
  const validUrl = graphqlUrl.startsWith('/')
    ? !graphqlUrl.startsWith('//')
    : URL.canParse(graphqlUrl) && /^https?:$/.test(new URL(graphqlUrl).protocol);
  if (!validUrl) problems.push(`GRAPHQL_URL: must be an http(s) URL or an absolute path, not "${graphqlUrl}"`);

  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!isOneOf(LOG_LEVELS, logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);

  if (problems.length > 0) throw new SpaEnvError(appName, problems);
  return {
    APP_NAME: appName,
    NODE_ENV: nodeEnv as SpaEnv['NODE_ENV'],
    HOST: get('HOST') ?? '0.0.0.0',
    PORT: port,
    DIST_DIR: get('DIST_DIR') ?? `${appName}/dist`,
    GRAPHQL_URL: graphqlUrl,
    LOG_LEVEL: logLevel as LogLevel,
  };
}
