// Azurite's Table service, started in this process. Azurite ships no types, hence createRequire
// and the narrow interfaces below.
//
// With a database file, a change is on disk before it is answered: Azurite keeps its tables in
// LokiJS, in memory, and by itself saves them only every 5 s, so a hard kill lost the last seconds
// of acknowledged writes. Here every mutating request's response is held until LokiJS has saved
// the database (group commit: the requests answered while one save runs share the next), and the
// save writes a temporary file, fsyncs it, renames it over the old one and fsyncs the folder.
import { open, rename } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

type LokiCallback = (err?: unknown) => void;

/** The LokiJS database Azurite's table metadata store keeps (lokijs 1.5). */
interface LokiDb {
  throttledSaves: boolean;
  saveDatabase(callback: LokiCallback): void;
  persistenceAdapter: { saveDatabase(file: string, data: string, callback: LokiCallback): void } | null;
}

interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  // Internals: the HTTP server and the database, to make changes durable (see makeDurable); the
  // stores, to clean up after a failed start (see startAzurite).
  httpServer: Server;
  metadataStore?: { close(): Promise<void>; db: LokiDb };
  accountDataStore?: { close(): Promise<void> };
}

/** Azurite's well-known development account: public, documented, not a secret. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function devConnectionString(host: string, port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`
  );
}

export interface RunningAzurite {
  port: number;
  connectionString: string;
  close(): Promise<void>;
}

export interface AzuriteOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Where Azurite keeps its database file; omit to keep everything in memory. */
  dbPath?: string;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const host = options.host ?? '127.0.0.1';
  const TableServer = require('azurite/dist/src/table/TableServer').default;
  const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
  const inMemory = options.dbPath === undefined;
  // Positional: host, port, keepAlive, dbPath, debugLog, accessLog, logStream, debugPath,
  // loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, isMemoryPersistence.
  const config = new TableConfiguration(
    host,
    options.port ?? 0,
    undefined,
    options.dbPath ?? ':memory:',
    false,
    false,
    undefined,
    undefined,
    false,
    true,
    '',
    '',
    '',
    undefined,
    false,
    inMemory,
  );
  const server: AzuriteTableServer = new TableServer(config);
  if (!inMemory) makeDurable(server);
  try {
    await server.start();
  } catch (err) {
    // Azurite opens its database (with a 5 s autosave timer) and an account timer BEFORE it
    // listens, and does not undo that when listen fails (e.g. EADDRINUSE): close both here, or
    // the timers keep the process alive and the autosave keeps writing the file.
    await server.metadataStore?.close().catch(() => undefined);
    await server.accountDataStore?.close().catch(() => undefined);
    throw err;
  }
  const port = Number(new URL(server.getHttpServerAddress()).port);
  return { port, connectionString: devConnectionString(host, port), close: () => server.close() };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Before start: every save is atomic and fsynced, and no change is answered before it is saved. */
function makeDurable(server: AzuriteTableServer): void {
  const db = server.metadataStore?.db;
  const adapter = db?.persistenceAdapter;
  const [handle] = server.httpServer.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  if (db === undefined || !adapter || handle === undefined)
    throw new Error(
      'This Azurite version is not the one the embedded store was built on (3.35): its table server has changed',
    );
  // LokiJS's file adapter writes a temporary file and renames it, without fsync: a power cut could leave either empty.
  adapter.saveDatabase = (file, data, callback) => {
    writeDurably(file, data).then(() => callback(), callback);
  };
  // LokiJS's throttled saves (its default) make the group commit: saves asked for while one runs share the next.
  db.throttledSaves = true;
  const saved = groupCommit(db);
  server.httpServer.removeAllListeners('request');
  server.httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!READS.has(req.method ?? 'GET')) holdUntilSaved(res, saved);
    handle(req, res);
  });
}

async function writeDurably(file: string, data: string): Promise<void> {
  const temporary = `${file}~`;
  const out = await open(temporary, 'w');
  try {
    await out.writeFile(data);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temporary, file);
  if (process.platform === 'win32') return; // Windows cannot open a folder to fsync it
  const folder = await open(dirname(file), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Resolves once a save begun after the call is on disk; the calls of one turn of the event loop ask
 * for one save. It is asked for on the next turn, once Azurite has finished applying any batch in
 * progress (it applies one without I/O), so a save never holds half a transaction.
 */
function groupCommit(db: LokiDb): () => Promise<void> {
  let waiting: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  return () =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject });
      if (waiting.length > 1) return;
      setImmediate(() => {
        const these = waiting;
        waiting = [];
        db.saveDatabase((err) => {
          for (const w of these) {
            if (err) w.reject(err);
            else w.resolve();
          }
        });
      });
    });
}

/** Holds the response (headers go with the first write) until the database is saved; drops the connection if the save fails. */
function holdUntilSaved(res: ServerResponse, saved: () => Promise<void>): void {
  // write and end are overloaded; held calls are replayed with the arguments they were given.
  type Call = (...args: unknown[]) => unknown;
  const out = res as unknown as { write: Call; end: Call };
  const { write, end } = out;
  const held: unknown[][] = [];
  let ended = false;
  out.write = (...args) => {
    if (!ended) held.push(args);
    return true;
  };
  out.end = (...args) => {
    // A piped body ends the response, then Azurite's last middleware ends it again: once is enough.
    if (ended) return res;
    ended = true;
    saved().then(
      () => {
        out.write = write;
        out.end = end;
        for (const call of held) write.apply(res, call);
        end.apply(res, args);
      },
      (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
    return res;
  };
}
