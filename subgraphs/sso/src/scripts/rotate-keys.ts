import { createLogger } from '@market/kit';
import { loadEnv } from '../env';
import { parseRotationArgs, rotateSigningKeys, RotationError } from '../oidc/key-rotation';
import { openUserStore } from '../store';

// `npm run keys:rotate -w subgraphs/sso -- [--retire-older-than=<days>] [--retire=<kid>] [--no-new-key]`:
// rotates the signing keys in the service's database (the same env as the service). Running instances pick
// the change up when they restart.

const env = loadEnv();
const logger = createLogger({ service: 'sso-keys', level: env.LOG_LEVEL });

async function main(): Promise<void> {
  let options;
  try {
    options = parseRotationArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof RotationError) {
      logger.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const store = await openUserStore(env, logger);
  try {
    const result = await rotateSigningKeys(store, options);
    logger.info(
      { added: result.added?.id ?? null, retired: result.retired, published: result.published.map((key) => key.kid) },
      `signing keys rotated: ${result.published[0]?.kid ?? 'none'} signs after each instance restarts`,
    );
  } catch (error) {
    if (!(error instanceof RotationError)) throw error;
    logger.error(error.message);
    process.exitCode = 2;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'key rotation failed');
  process.exitCode = 1;
});
