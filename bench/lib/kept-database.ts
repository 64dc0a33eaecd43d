import { Client } from 'pg';

/**
 * The environment that points a bench's newsroom at a database kept between runs (`name`): a
 * SQLite file, or on PostgreSQL a database of that name, created when missing. None: a fresh one.
 */
export const keptDatabase = async (name: string | undefined): Promise<Record<string, string>> => {
  if (!name) return {};
  if ((process.env.DATABASE_CLIENT ?? 'sqlite') !== 'postgres') return { DATABASE_FILENAME: name };
  if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`${name}: not a database name`);
  const admin = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'newsroom',
    password: process.env.DATABASE_PASSWORD ?? 'newsroom',
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return { DATABASE_NAME: name };
};
