import type { Logger } from '@market/kit';
import type { ChatStore } from './chat-store';
import { openMongoChatStore } from './mongo-chat-store';
import { openPgChatStore } from './pg-chat-store';

export * from './chat-store';

/**
 * Picks the adapter from the environment: MONGO_URL → MongoDB (production), else
 * DATABASE_URL → PostgreSQL, else embedded PGlite under DATA_DIR (in memory without one).
 */
export function openChatStore(
  config: { MONGO_URL?: string | undefined; DATABASE_URL?: string | undefined; DATA_DIR?: string | undefined },
  logger: Logger,
): Promise<ChatStore> {
  if (config.MONGO_URL) return openMongoChatStore({ url: config.MONGO_URL, logger });
  return openPgChatStore({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
}
