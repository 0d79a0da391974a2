import mongoose from 'mongoose';
import type { Logger } from 'pino';

export interface MongoStore {
  kind: 'mongodb';
  connection: mongoose.Connection;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

/** A dedicated mongoose connection (not the global one) for one service. */
export async function openMongo(options: { url: string; logger: Logger }): Promise<MongoStore> {
  const logger = options.logger.child({ component: 'mongodb' });
  const connection = await mongoose.createConnection(options.url, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  logger.info({ database: connection.name }, 'connected to MongoDB');
  return {
    kind: 'mongodb',
    connection,
    ping: async () => {
      await connection.db?.admin().ping();
    },
    close: () => connection.close(),
  };
}
