import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { AnyPgColumn, PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import { QueryCounter } from './query-counter';

export type PgDb<S extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, S>;

/**
 * `column = any(:name)`, the array bound as one parameter: the SQL text is the same for any number of ids, so a
 * batch loader's query can be built and prepared once (drizzle `.prepare()`, then `.execute({ [name]: ids })`)
 * instead of per call: drizzle's query building was a visible share of a subgraph's CPU on its hottest reads.
 */
export const anyOf = (column: AnyPgColumn, name: string): SQL => sql`${column} = any(${sql.placeholder(name)})`;

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
  const client = await createPglite(options.dataDir, logger);
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

/**
 * A new PGlite cluster is initialised with PGlite's initdb, which takes 3–4 s on a 2-core machine; loading the
 * tarball of a freshly initialised cluster takes under 1 s (PGlite's own clone() does the same). The tarball is
 * made once per PGlite version and kept in the OS temp folder, shared by every process (services under `npm start`,
 * test workers). Existing data folders are opened as they are.
 */
async function createPglite(dataDir: string | undefined, logger: Logger): Promise<PGlite> {
  if (dataDir && existsSync(join(dataDir, 'PG_VERSION'))) return PGlite.create({ dataDir });
  const template = await initdbTemplate(logger);
  if (template) {
    try {
      return await PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir: template });
    } catch (error) {
      logger.warn({ err: error }, 'the cached PGlite cluster template could not be loaded; initialising a new cluster');
      rmSync(templatePath(), { force: true });
      if (dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        mkdirSync(dataDir, { recursive: true });
      }
    }
  }
  return PGlite.create(dataDir ? { dataDir } : {});
}

/** The installed PGlite's version (its package.json is not exported: found from its entry point). */
function pgliteVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (name === '@electric-sql/pglite' && version) return version;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the version of @electric-sql/pglite');
    folder = parent;
  }
}

let templateFile: string | undefined;
const templatePath = (): string => (templateFile ??= join(tmpdir(), `market-pglite-${pgliteVersion()}-initdb.tar`));

let template: Promise<Blob | undefined> | undefined;
function initdbTemplate(logger: Logger): Promise<Blob | undefined> {
  template ??= (async () => {
    const path = templatePath();
    try {
      if (existsSync(path)) return new Blob([readFileSync(path)]);
      const scratch = await PGlite.create();
      try {
        const dump = await scratch.dumpDataDir('none');
        // Written under a name of its own, then renamed: a concurrent reader never sees half a file.
        const partial = `${path}.${process.pid}.${Date.now()}`;
        writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
        renameSync(partial, path);
        return dump;
      } finally {
        await scratch.close();
      }
    } catch (error) {
      logger.warn({ err: error, path }, 'cannot keep a PGlite cluster template; every cluster runs initdb');
      return undefined;
    }
  })();
  return template;
}
