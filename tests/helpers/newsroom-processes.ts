import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { ROOT } from './strapi';

/**
 * Starts another Strapi process of the demo app on the test's database (the environment
 * `startNewsroom` set), as a deployment of several processes runs it; resolves once it is loaded.
 */
export const startProcess = (
  env: Record<string, string>
): Promise<ChildProcess & { url?: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('node', [path.join(ROOT, 'tests', 'helpers', 'newsroom-process.js')], {
      cwd: ROOT,
      env: { ...process.env, NEWSROOM_DEMO: 'false', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      // "ready", or "ready <url>" when it serves HTTP (NEWSROOM_PROCESS_LISTEN=true).
      const ready = /ready(?: (\S+))?/u.exec(chunk.toString());
      if (ready) resolve(Object.assign(child, { url: ready[1] }));
    });
    child.once('exit', (code) => reject(new Error(`newsroom process exited with ${code}`)));
  });

/** Stops a process started by `startProcess` (Strapi destroys itself on SIGTERM). */
export const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
