import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@market/kit';
import mysql from 'mysql2/promise';
import mongoose from 'mongoose';
import pg from 'pg';
import { Redis } from 'ioredis';
import { testEnv } from './env';

export function testLogger(service = 'test'): Logger {
  return createLogger({ service, level: testEnv.TEST_LOG_LEVEL });
}

const suffix = () => `${process.pid}_${randomBytes(4).toString('hex')}`;

export interface Provisioned {
  /** Server URL for this test only; undefined means use the embedded engine. */
  url: string | undefined;
  cleanup: () => Promise<void>;
}

/** A fresh PostgreSQL database on DATABASE_URL's server, or undefined (PGlite). */
export async function freshPostgres(label = 't'): Promise<Provisioned> {
  if (!testEnv.DATABASE_URL) return { url: undefined, cleanup: async () => {} };
  const name = `${label}_${suffix()}`;
  const admin = new URL(testEnv.DATABASE_URL);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database "${name}"`);
  const url = new URL(testEnv.DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), cleanup: () => run(`drop database if exists "${name}" with (force)`) };
}

/** A fresh MySQL/MariaDB database on MYSQL_URL's server, or undefined (embedded). */
export async function freshMysql(label = 't'): Promise<Provisioned> {
  if (!testEnv.MYSQL_URL) return { url: undefined, cleanup: async () => {} };
  const name = `${label}_${suffix()}`;
  const server = new URL(testEnv.MYSQL_URL);
  server.pathname = '/';
  const run = async (statement: string) => {
    const connection = await mysql.createConnection(server.toString());
    try {
      await connection.query(statement);
    } finally {
      await connection.end();
    }
  };
  await run(`create database \`${name}\``);
  const url = new URL(testEnv.MYSQL_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), cleanup: () => run(`drop database if exists \`${name}\``) };
}

/** A key prefix on REDIS_URL's server for this test only, or undefined (in-process). */
export async function freshRedis(label = 't'): Promise<Provisioned & { prefix: string }> {
  const prefix = `${label}:${suffix()}:`;
  if (!testEnv.REDIS_URL) return { url: undefined, prefix, cleanup: async () => {} };
  const url = testEnv.REDIS_URL;
  return {
    url,
    prefix,
    cleanup: async () => {
      const client = new Redis(url);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length) await client.del(...keys);
        } while (cursor !== '0');
      } finally {
        client.disconnect();
      }
    },
  };
}

/** A temporary folder for a test's embedded data (PGlite, blobs), removed by cleanup. */
export function tempDataDir(label = 'data'): { dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), `market-${label}-`));
  return { dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A database of its own on MONGO_URL's server (dropped by cleanup), or undefined without
 * MONGO_URL. The path is swapped by hand: replica-set URLs list several hosts, which URL refuses.
 */
export function freshMongo(label = 't'): Provisioned {
  if (!testEnv.MONGO_URL) return { url: undefined, cleanup: async () => {} };
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(testEnv.MONGO_URL);
  if (!match) throw new Error('MONGO_URL is not a mongodb:// connection string');
  const url = `${match[1]}/${label}_${process.pid}_${randomBytes(4).toString('hex')}${match[2] ?? ''}`;
  return {
    url,
    cleanup: async () => {
      const connection = await mongoose.createConnection(url).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}
