// Benchmark 4: a server started to 200 on /healthz, and its resident memory (VmRSS) once idle:
// `npm start` from source (tsx, the embedded store in a temp DATA_DIR), and the built server
// (`npm run start:prod`: node dist/server.js) on a configured table store, as production runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function rssOf(pid: number): Promise<number | undefined> {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}

export interface StartRun {
  ms: number;
  rssIdle: number | undefined;
}

export interface StartMode {
  /** node's arguments: ['--import', 'tsx', 'bot/server.ts'], or the built server's. */
  args: string[];
  /** A table store to use instead of the embedded one. */
  connectionString?: string;
}

export const FROM_SOURCE: StartMode = { args: ['--import', 'tsx', 'bot/server.ts'] };
export const BUILT = (connectionString: string): StartMode => ({
  args: ['dist/server.js'],
  connectionString,
});

export async function startOnce(root: string, mode: StartMode = FROM_SOURCE): Promise<StartRun> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pam-bench-'));
  const port = await freePort();
  const tablesPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_TABLES_PORT: String(tablesPort),
    LOG_LEVEL: 'error',
  };
  for (const k of ['TABLES_CONNECTION_STRING', 'TABLES_ACCOUNT_URL', 'MicrosoftAppId', 'MicrosoftAppPassword'])
    delete env[k];
  if (mode.connectionString) {
    env.TABLES_CONNECTION_STRING = mode.connectionString;
    env.TABLES_PREFIX = `start${Date.now().toString(36)}`;
  }
  const t0 = performance.now();
  const child = spawn(process.execPath, mode.args, {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr.slice(-2000)}`);
      if (performance.now() - t0 > 60_000) throw new Error(`server not healthy after 60 s: ${stderr.slice(-2000)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.status === 200) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdle = child.pid ? await rssOf(child.pid) : undefined;
    return { ms, rssIdle };
  } finally {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npm run build`, so that the built server measured is the code in the tree. */
export async function buildServer(root: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/build.ts'], { cwd: root, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build failed (exit ${code})`);
}
