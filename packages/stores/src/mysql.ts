import { drizzle } from 'drizzle-orm/mysql2';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import type { Logger } from 'pino';
import { QueryCounter } from './query-counter';

export interface MysqlStore<S extends Record<string, unknown>> {
  kind: 'mysql';
  db: MySql2Database<S>;
  queries: QueryCounter;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

export interface OpenMysqlOptions<S extends Record<string, unknown>> {
  /** mysql:// URL of the service's own database. */
  url: string;
  schema: S;
  migrationsFolder: string;
  logger: Logger;
  createDatabase?: boolean;
  poolSize?: number;
}

/** Creates the database named in `url` if the server does not have it. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error('MYSQL_URL must name a database');
  target.pathname = '/';
  const connection = await mysql.createConnection(target.toString());
  try {
    await connection.query(
      `create database if not exists \`${name.replaceAll('`', '``')}\` character set utf8mb4 collate utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function openMysql<S extends Record<string, unknown>>(options: OpenMysqlOptions<S>): Promise<MysqlStore<S>> {
  const logger = options.logger.child({ component: 'mysql' });
  const queries = new QueryCounter(logger);
  if (options.createDatabase ?? true) await ensureMysqlDatabase(options.url);
  const pool = mysql.createPool({ uri: options.url, connectionLimit: options.poolSize ?? 10, timezone: 'Z', dateStrings: false });
  const connection = await pool.getConnection();
  try {
    // Serialise migrations between replicas of the same service.
    await connection.query("select get_lock('drizzle_migrations', 60)");
    // drizzle 0.45 mistakes { client, mode } alone for a connection config; pass the client only.
    await migrate(drizzle({ client: connection }), { migrationsFolder: options.migrationsFolder });
  } finally {
    await connection.query("select release_lock('drizzle_migrations')").catch(() => undefined);
    connection.release();
  }
  const db = drizzle({ client: pool, schema: options.schema, mode: 'default', logger: queries });
  logger.info({ database: new URL(options.url).pathname.slice(1) }, 'connected to MySQL');
  return {
    kind: 'mysql',
    db,
    queries,
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
