// The table factory and the embedded (in-process Azurite) store, against real processes: a child
// process attaches to this one's store, this process takes over from a killed child, and so on.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openEmbeddedStore, type EmbeddedStore } from '../../storage/embedded.ts';
import { openTables, TABLE_NAMES, type Tables } from '../../storage/tables.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('../helpers/embedded-child.ts', import.meta.url));
const PREFIX = 'emb';

interface LogEvent {
  event: string;
  fields?: Record<string, unknown>;
}
interface ChildReport {
  pid: number;
  openMs: number;
  events: LogEvent[];
  describe: string;
  entity?: Record<string, unknown> | null;
  ready?: boolean;
}

const children = new Set<ChildProcess>();
const stores: { close(): Promise<void> }[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pam-embedded-'));
  dirs.push(dir);
  return dir;
}

function collector(): { events: LogEvent[]; log: (event: string, fields?: Record<string, unknown>) => void } {
  const events: LogEvent[] = [];
  return { events, log: (event, fields) => events.push({ event, fields }) };
}

async function listen(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

async function freePort(): Promise<number> {
  const server = await listen(0);
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns the helper; resolves with its first JSON line (the child may keep running). */
function runChild(args: string[]): { child: ChildProcess; report: Promise<ChildReport> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const report = new Promise<ChildReport>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as ChildReport);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before reporting: ${err}`)),
    );
  });
  return { child, report };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitFor(what: string, check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function readLockFile(dir: string): { pid: number; port: number; host: string; startedAt: string } {
  return JSON.parse(readFileSync(join(dir, 'tables.lock'), 'utf8')) as {
    pid: number;
    port: number;
    host: string;
    startedAt: string;
  };
}

const meetingsClient = (store: EmbeddedStore): TableClient =>
  TableClient.fromConnectionString(store.connectionString, `${PREFIX}meetings`, { allowInsecureConnection: true });

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...children].map(exited));
  for (const store of stores) await store.close().catch(() => undefined);
  for (const dir of dirs) {
    expect(readdirSync(dir).filter((f) => f.startsWith('tables.lock'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('openTables with a connection string', () => {
  it('creates the four tables and answers ping', async () => {
    const cs = inject('tablesConnectionString');
    const prefix = `t${randomBytes(5).toString('hex')}`;
    const { log } = collector();
    const tables = await openTables(
      { connectionString: cs, dataDir: tempDir(), embeddedPort: 0, prefix, longLived: false },
      log,
    );
    stores.push(tables);
    expect(tables.mode).toBe('connection-string');
    expect(tables.describe).toMatch(/^127\.0\.0\.1:\d+$/);
    await tables.ping();

    const service = TableServiceClient.fromConnectionString(cs, { allowInsecureConnection: true });
    const names: string[] = [];
    for await (const table of service.listTables()) if (table.name?.startsWith(prefix)) names.push(table.name);
    expect(names.sort()).toEqual(TABLE_NAMES.map((n) => prefix + n).sort());
    expect(tables.client('actions')).toBe(tables.client('actions'));

    // Opening again is harmless (the tables exist), and a bad prefix is named in the error.
    await (
      await openTables({ connectionString: cs, dataDir: '.', embeddedPort: 0, prefix, longLived: false }, log)
    ).close();
    await expect(
      openTables({ connectionString: cs, dataDir: '.', embeddedPort: 0, prefix: 'a-b', longLived: false }, log),
    ).rejects.toThrow(/TABLES_PREFIX/);
    await tables.close();
  });
});

describe('embedded store', () => {
  const shared = { dir: '', port: 0 };

  it('owns the store, and a child process attaches and sees the data', async () => {
    shared.dir = tempDir();
    shared.port = await freePort();
    const { events, log } = collector();
    const owner = await openEmbeddedStore({ dataDir: shared.dir, port: shared.port, log, longLived: false });
    stores.push(owner);
    expect(owner.owner).toBe(true);
    expect(events).toContainEqual({
      event: 'storage.embedded',
      fields: { dataDir: shared.dir, port: shared.port, owner: true },
    });
    expect(readLockFile(shared.dir)).toMatchObject({ pid: process.pid, port: shared.port, host: '127.0.0.1' });

    const meetings = meetingsClient(owner);
    await meetings.createTable();
    await meetings.upsertEntity({ partitionKey: 'b', rowKey: '1', title: 'Burglary' });

    const { child, report } = runChild(['read', shared.dir, String(shared.port), PREFIX, 'b', '1']);
    const got = await report;
    await exited(child);
    expect(got.events).toContainEqual(
      expect.objectContaining({ event: 'storage.embedded', fields: expect.objectContaining({ owner: false }) }),
    );
    expect(got.describe).toBe(`embedded Azurite at 127.0.0.1:${shared.port}, data in ${shared.dir}`);
    expect(got.entity).toMatchObject({ title: 'Burglary' });
    expect(child.exitCode).toBe(0);
    expect(readLockFile(shared.dir).pid).toBe(process.pid); // the child did not touch our lock
  });

  it('keeps the data on disk after the owner closes', async () => {
    const first = stores.at(-1) as EmbeddedStore;
    await first.close();
    expect(existsSync(join(shared.dir, 'tables.lock'))).toBe(false);
    expect(existsSync(join(shared.dir, 'tables', '__azurite_db_table__.json'))).toBe(true);

    const { log } = collector();
    const again = await openEmbeddedStore({ dataDir: shared.dir, port: shared.port, log, longLived: false });
    stores.push(again);
    expect(again.owner).toBe(true);
    expect(await meetingsClient(again).getEntity('b', '1')).toMatchObject({ title: 'Burglary' });
    await again.close();
    expect(existsSync(join(shared.dir, 'tables.lock'))).toBe(false);
  });

  it('has every change in its file before it answers it, whole', async () => {
    const dir = tempDir();
    const { log } = collector();
    const store = await openEmbeddedStore({ dataDir: dir, port: await freePort(), log, longLived: false });
    stores.push(store);
    const file = join(dir, 'tables', '__azurite_db_table__.json');
    // The whole database as the file holds it now: it parses, or the save was not whole.
    const titles = (): string[] => {
      const db = JSON.parse(readFileSync(file, 'utf8')) as {
        collections: Array<{ data: Array<{ properties?: { title?: unknown } }> }>;
      };
      return db.collections.flatMap((c) =>
        c.data.flatMap((d) => (typeof d.properties?.title === 'string' ? [d.properties.title] : [])),
      );
    };
    const meetings = meetingsClient(store);
    await meetings.createTable();
    // Concurrent writes, each answered only once a save holding it is on disk.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        meetings.upsertEntity({ partitionKey: 'd', rowKey: String(i), title: `Durable ${i}` }),
      ),
    );
    expect(titles().sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Durable ${i}`).sort());
    await meetings.submitTransaction([
      ['update', { partitionKey: 'd', rowKey: '1', title: 'Changed in a transaction' }],
      ['delete', { partitionKey: 'd', rowKey: '2' }],
      ['create', { partitionKey: 'd', rowKey: 'new', title: 'Created in a transaction' }],
    ]);
    expect(titles()).toEqual(expect.arrayContaining(['Changed in a transaction', 'Created in a transaction']));
    expect(titles()).not.toContain('Durable 1');
    expect(titles()).not.toContain('Durable 2');
    await meetings.deleteEntity('d', '3');
    expect(titles()).not.toContain('Durable 3');
    expect(existsSync(`${file}~`)).toBe(false); // the temporary file was renamed over the database
    await store.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir();
    const port = await freePort();
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    const deadPid = dead.pid as number;
    writeFileSync(
      join(dir, 'tables.lock'),
      JSON.stringify({ pid: deadPid, port, host: '127.0.0.1', startedAt: new Date(0).toISOString() }),
    );

    const { log } = collector();
    const store = await openEmbeddedStore({ dataDir: dir, port, log, longLived: false });
    stores.push(store);
    expect(store.owner).toBe(true);
    expect(readLockFile(dir).pid).toBe(process.pid);
    await store.close();
    expect(existsSync(join(dir, 'tables.lock'))).toBe(false);
  });

  it('names the port and EMBEDDED_TABLES_PORT when the port is taken by something else', async () => {
    const dir = tempDir();
    const squatter = await listen(0);
    const { port } = squatter.address() as AddressInfo;
    try {
      const { log } = collector();
      await expect(openEmbeddedStore({ dataDir: dir, port, log, longLived: false })).rejects.toThrow(
        new RegExp(`${port}.*EMBEDDED_TABLES_PORT`),
      );
      expect(existsSync(join(dir, 'tables.lock'))).toBe(false);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('takes over when the owning process is killed, on the same connection string', async () => {
    const dir = tempDir();
    const port = await freePort();
    const { child, report } = runChild(['serve', dir, String(port), PREFIX]);
    const served = await report;
    expect(served.events).toContainEqual(
      expect.objectContaining({ event: 'storage.embedded', fields: expect.objectContaining({ owner: true }) }),
    );

    const { events, log } = collector();
    const tables: Tables = await openTables({ dataDir: dir, embeddedPort: port, prefix: PREFIX, longLived: true }, log);
    stores.push(tables);
    expect(events).toContainEqual({
      event: 'storage.embedded',
      fields: { dataDir: dir, port, owner: false, ownerPid: served.pid },
    });
    const actions = tables.client('actions');
    await actions.upsertEntity({ partitionKey: 'e', rowKey: 'before', n: 1 });

    child.kill('SIGKILL');
    await exited(child);
    await waitFor('the takeover', () => events.some((e) => e.event === 'storage.embedded.takeover'), 8_000);
    expect(readLockFile(dir)).toMatchObject({ pid: process.pid, port });

    // Same client, same connection string: now served by this process.
    await actions.upsertEntity({ partitionKey: 'e', rowKey: 'after', n: 2 });
    expect(await actions.getEntity('e', 'after')).toMatchObject({ n: 2 });
    await tables.ping();
    await tables.close();
    expect(existsSync(join(dir, 'tables.lock'))).toBe(false);
  });
});
