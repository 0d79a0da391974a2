import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import { QueryCounter } from './query-counter';

export type PgDb<S extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, S>;

export interface PostgresStore<S extends Record<string, unknown>> {
  /** `postgres` for a real server (pg), `pglite` for the embedded engine. */
  kind: 'postgres' | 'pglite';
  db: PgDb<S>;
  queries: QueryCounter;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

export interface OpenPostgresOptions<S extends Record<string, unknown>> {
  /** postgres:// URL of the service's own database; unset means embedded PGlite. */
  url?: string | undefined;
  /** PGlite data folder; unset (with no url) means in memory. */
  dataDir?: string | undefined;
  schema: S;
  /** drizzle-kit output folder; applied at start. */
  migrationsFolder: string;
  logger: Logger;
  /** Create the database on the server when it does not exist (default true). */
  createDatabase?: boolean;
  poolSize?: number;
}

// One lock id for every service's migrations: they run in separate databases,
// so the lock only serialises replicas of the same service.
const MIGRATION_LOCK = 727_100_001;

/** Creates the database named in `url` if the server does not have it. */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL must name a database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by a replica
      });
    }
  } finally {
    await client.end();
  }
}

export async function openPostgres<S extends Record<string, unknown>>(options: OpenPostgresOptions<S>): Promise<PostgresStore<S>> {
  const logger = options.logger.child({ component: 'postgres' });
  const queries = new QueryCounter(logger);
  if (options.url) {
    if (options.createDatabase ?? true) await ensurePostgresDatabase(options.url);
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client failed'));
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder: options.migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    const db = drizzleNodePg({ client: pool, schema: options.schema, logger: queries });
    logger.info({ database: new URL(options.url).pathname.slice(1) }, 'connected to PostgreSQL');
    return {
      kind: 'postgres',
      db,
      queries,
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  await migratePglite(drizzlePglite({ client }), { migrationsFolder: options.migrationsFolder });
  const db = drizzlePglite({ client, schema: options.schema, logger: queries });
  logger.info({ dataDir: options.dataDir ?? '(memory)' }, 'opened embedded PGlite');
  return {
    kind: 'pglite',
    db,
    queries,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
