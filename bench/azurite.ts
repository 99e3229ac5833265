// The benchmarks' Azurite, in a process of its own: in production storage is a service apart, so
// its CPU must not be counted on the bot's event loop, and the floor and the product share it alike.
// BENCH_STORE=embedded measures `npm start`'s store instead: the embedded Azurite, saving to a
// temporary DATA_DIR, in the bench process beside the bot, as the server runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../storage/embedded.ts';

export interface BenchAzurite {
  connectionString: string;
  pid: number | undefined;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startBenchAzurite(): Promise<BenchAzurite> {
  if (process.env.BENCH_STORE === 'embedded') return startEmbedded();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'azurite-child.ts')], {
    cwd: path.resolve(here, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const connectionString = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Azurite did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code}) before it listened`)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { connectionString: string }).connectionString);
      }
    });
  });
  return {
    connectionString,
    pid: child.pid,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startEmbedded(): Promise<BenchAzurite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pam-bench-embedded-'));
  const store = await openEmbeddedStore({ dataDir, port: 0, log: () => undefined, longLived: false });
  return {
    connectionString: store.connectionString,
    pid: undefined, // this process: its RSS is the bench's own
    close: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
