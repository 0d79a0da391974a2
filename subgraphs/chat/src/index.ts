import { createLogger, runMain } from '@market/kit';
import { loadEnv } from './env';
import { startService } from './service';

const env = loadEnv();
const logger = createLogger({ service: 'chat', level: env.LOG_LEVEL });
runMain(() => startService(env, { logger }), logger);
