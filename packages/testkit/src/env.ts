/** The real-server URLs tests use when set (CI sets them); unset means embedded. */
export const testEnv = {
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  MYSQL_URL: process.env.MYSQL_URL || undefined,
  REDIS_URL: process.env.REDIS_URL || undefined,
  MONGO_URL: process.env.MONGO_URL || undefined,
  TEST_LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
};
