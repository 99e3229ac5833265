// `npm start`'s program end to end: `node --import tsx bot/server.ts` in a child process on the
// embedded default storage (no connection string: an in-process Azurite under DATA_DIR), with the
// CLI attaching to it from other processes, a graceful stop and a restart on the same data; and a
// server whose configured storage does not answer.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/rules/types.ts';
import { devConnectionString } from '../../storage/azurite.ts';
import {
  freePort,
  killAllChildren,
  linesOf,
  parseJson,
  pollHttp,
  runCli,
  startServer,
  stopServer,
  type ServerChild,
} from '../helpers/processes.ts';

const HEALTHZ_LIMIT_MS = 20_000;

/** Every stdout line of the server, parsed; fails on a line that is not JSON. */
function events(server: ServerChild): Array<Record<string, unknown>> {
  return linesOf(server.stdout()).map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`a server stdout line is not JSON: ${line}`);
    }
  });
}

afterAll(killAllChildren);

describe('server on the embedded store', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let healthz: string;
  let server: ServerChild | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pam-e2e-server-'));
    const tablesPort = await freePort();
    const httpPort = await freePort();
    env = { DATA_DIR: dataDir, EMBEDDED_TABLES_PORT: String(tablesPort), PORT: String(httpPort), LOG_LEVEL: 'info' };
    healthz = `http://127.0.0.1:${httpPort}/healthz`;
  });

  afterAll(async () => {
    await killAllChildren();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the server and waits for a 200 from /healthz; logs and returns how long that took. */
  async function start(label: string): Promise<ServerChild> {
    const since = performance.now();
    const started = startServer(env);
    server = started;
    const answer = await pollHttp(healthz, {
      server: started,
      until: 'ok',
      timeoutMs: HEALTHZ_LIMIT_MS + 5_000,
      since,
    });
    console.log(`[e2e] ${label}: GET /healthz 200 after ${answer.ms} ms`);
    expect(answer.ms).toBeLessThan(HEALTHZ_LIMIT_MS);
    expect(answer.body).toBe('{"status":"ok","storage":"ok"}');
    return started;
  }

  const cli = (args: string[]) => runCli(args, { env: { ...env, LOG_LEVEL: 'debug' } });

  it('starts, owns the store and answers /healthz', async () => {
    const s = await start('first start');
    const logged = events(s);
    expect(logged.find((e) => e.event === 'storage.embedded')).toMatchObject({
      owner: true,
      dataDir,
      port: Number(env.EMBEDDED_TABLES_PORT),
    });
    expect(logged.map((e) => e.event)).toContain('server.listening');
    expect(existsSync(join(dataDir, 'tables.lock'))).toBe(true);
  });

  it('lets the CLI attach to its store to import people and actions', async () => {
    const people = await cli(['people', 'import', 'tests/fixtures/people-example.csv']);
    expect(people.code, people.stderr).toBe(0);
    expect(linesOf(people.stdout).at(-1)).toBe('8 added, 0 updated, 0 unchanged, 0 not understood');
    // With LOG_LEVEL=debug the CLI writes its storage events (to stderr): it attached, it does not own.
    const attached = linesOf(people.stderr)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.event === 'storage.embedded');
    expect(attached).toMatchObject({ owner: false, ownerPid: server?.child.pid });

    const actions = await cli(['actions', 'import', 'tests/fixtures/actions-arising-example.txt']);
    expect(actions.code, actions.stderr).toBe(0);
    expect(linesOf(actions.stdout)).toContain('6 imported, 0 updated, 0 unchanged, 0 not understood');
    // Still the server's store.
    expect(existsSync(join(dataDir, 'tables.lock'))).toBe(true);
  });

  it('stops on SIGTERM with exit code 0 and releases the lock', async () => {
    if (!server) throw new Error('no server running');
    const end = await stopServer(server, 5_000);
    expect(end, server.stderr()).toMatchObject({ code: 0, signal: null });
    console.log(`[e2e] SIGTERM to exit: ${end.ms} ms`);
    expect(existsSync(join(dataDir, 'tables.lock'))).toBe(false);
    expect(events(server).map((e) => e.event)).toContain('server.stopping');
  });

  it('starts again on the same DATA_DIR with the data intact', async () => {
    await start('restart on the same DATA_DIR');
    const listed = await cli(['actions', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const actions = parseJson<Array<Action & { reference: string }>>(listed);
    expect(actions.map((a) => a.reference).sort()).toEqual(
      ['01.14/03/2023', '04 14/03/2023.i', '04 14/03/2023.ii', '06 14/03/2023', '07 14/03/2023', 'N/A'].sort(),
    );
    if (!server) throw new Error('no server running');
    const end = await stopServer(server, 5_000);
    expect(end.code).toBe(0);
  });
});

describe('server whose storage does not answer', () => {
  it('starts anyway and answers /healthz with 503 and the reason', async () => {
    const deadPort = await freePort(); // nothing listens there
    const httpPort = await freePort();
    const connectionString = devConnectionString('127.0.0.1', deadPort);
    const server = startServer({
      TABLES_CONNECTION_STRING: connectionString,
      PORT: String(httpPort),
      LOG_LEVEL: 'info',
    });
    const healthz = `http://127.0.0.1:${httpPort}/healthz`;
    // It serves at once, without waiting for storage...
    const first = await pollHttp(healthz, { server, until: 'any', timeoutMs: 15_000 });
    expect(first.status).toBe(503);
    expect(JSON.parse(first.body)).toEqual({
      status: 'unavailable',
      storage: 'error',
      reason: expect.stringMatching(/^storage is (starting|not ready)/),
    });
    // ...and once the first attempt has failed, says why.
    let body: Record<string, unknown> = {};
    for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const answer = await pollHttp(healthz, { server, until: 'any', timeoutMs: 5_000 });
      expect(answer.status).toBe(503);
      body = JSON.parse(answer.body) as Record<string, unknown>;
      if (/ECONNREFUSED/.test(String(body.reason))) break;
    }
    expect(body).toEqual({ status: 'unavailable', storage: 'error', reason: expect.stringMatching(/ECONNREFUSED/) });

    const logged = events(server);
    expect(logged.find((e) => e.event === 'storage.unavailable')).toMatchObject({ level: 'warn' });
    // The account key is in the connection string; it must not reach the logs.
    expect(server.stdout()).not.toContain(connectionString.match(/AccountKey=([^;]+)/)?.[1] ?? 'AccountKey');

    const end = await stopServer(server, 5_000);
    expect(end.code).toBe(0);
  });
});

describe('server in production with no storage configured', () => {
  it('refuses to start on the embedded store, in one line naming the storage variables', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pam-e2e-production-'));
    try {
      const server = startServer({
        NODE_ENV: 'production',
        MicrosoftAppId: '00000000-0000-4000-8000-00000000a99d',
        DATA_DIR: dataDir,
        EMBEDDED_TABLES_PORT: String(await freePort()),
        PORT: String(await freePort()),
      });
      const end = await server.exited;
      expect(end.code, server.stdout()).toBe(1);
      expect(linesOf(server.stdout())).toHaveLength(1);
      expect(events(server)).toEqual([
        expect.objectContaining({
          level: 'error',
          event: 'server.start_failed',
          error: {
            name: 'ConfigError',
            message:
              'NODE_ENV is production but neither TABLES_CONNECTION_STRING nor TABLES_ACCOUNT_URL is set: the embedded store (one file on this machine) is for local use only',
          },
        }),
      ]);
      // Nothing was started: no lock, no database.
      expect(existsSync(join(dataDir, 'tables.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'tables'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
