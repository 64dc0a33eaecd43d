import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';

/** A database of its own for one test file: a SQLite file in a temp folder, or a fresh PostgreSQL database. */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const postgresAdminConfig = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.DATABASE_USERNAME ?? 'newsroom',
  password: process.env.DATABASE_PASSWORD ?? 'newsroom',
  database: process.env.DATABASE_ADMIN_DB ?? 'postgres',
});

export const createTestDatabase = async (): Promise<TestDatabase> => {
  if ((process.env.DATABASE_CLIENT ?? 'sqlite') === 'postgres') {
    const name = `newsroom_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new Client(postgresAdminConfig());
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name },
      async drop() {
        const client = new Client(postgresAdminConfig());
        await client.connect();
        try {
          // An autovacuum worker on the database belongs to the server, not to this role, so FORCE
          // cannot end it: wait for it to finish instead.
          for (let attempt = 1; ; attempt += 1) {
            try {
              await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
              return;
            } catch (error) {
              if (
                attempt === 20 ||
                !/pg_signal_backend|being accessed by other users/u.test((error as Error).message)
              )
                throw error;
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          }
        } finally {
          await client.end();
        }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'));
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
