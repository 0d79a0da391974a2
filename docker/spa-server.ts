/**
 * Container entry of web-client and web-admin (see <app>/Dockerfile): serves the app's Vite build with
 * startSpaServer and tells the browser where the gateway is through /config.json. The web images carry
 * no node_modules, so this imports the server module itself (Node built-ins only) rather than the whole
 * @market/kit, and logs pino-compatible JSON lines without pino.
 */
import { startSpaServer, type SpaLogger } from '../packages/kit/src/spa';
import { loadSpaEnv, type LogLevel } from './spa-env';

const SEVERITY: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

function jsonLogger(app: string, level: LogLevel): SpaLogger {
  const write = (severity: number, obj: object, msg: string) => {
    if (severity < SEVERITY[level]) return;
    const fields = Object.fromEntries(
      Object.entries(obj).map(([key, value]) => [
        key,
        value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value,
      ]),
    );
    process.stdout.write(`${JSON.stringify({ level: severity, time: Date.now(), service: app, ...fields, msg })}\n`);
  };
  return { info: (obj, msg) => write(SEVERITY.info, obj, msg), error: (obj, msg) => write(SEVERITY.error, obj, msg) };
}

async function main(): Promise<void> {
  const env = loadSpaEnv();
  const logger = jsonLogger(env.APP_NAME, env.LOG_LEVEL);
  const server = await startSpaServer({
    name: env.APP_NAME,
    host: env.HOST,
    port: env.PORT,
    distDir: env.DIST_DIR,
    config: { graphqlUrl: env.GRAPHQL_URL },
    logger,
  });
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, `${env.APP_NAME} stopping`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${env.APP_NAME} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
