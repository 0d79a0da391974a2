import { createLogger, runMain } from '@market/kit';
import { loadEnv } from './env';
import { startGateway } from './gateway';

const env = loadEnv();
const logger = createLogger({ service: 'gateway', level: env.LOG_LEVEL });
runMain(() => startGateway(env, { logger }), logger);
