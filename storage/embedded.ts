// The "embedded default" table store: Azurite's Table service, run inside one of the processes
// that share a DATA_DIR (the long-running server, short CLI commands). Exactly one process owns
// the store, decided by an exclusive lock file; the others talk to the owner over HTTP.
//
// Why a lock taken BEFORE Azurite is constructed: Azurite keeps the whole database in memory
// (LokiJS) and writes it back to the file on autosave and on close, so two Azurites on one file
// would overwrite each other's newer data. Only the lock holder ever opens the file.
//
// Durability: the owner's Azurite answers a change only once it is saved to the file (azurite.ts),
// so a hard kill of the owner loses no acknowledged write. The store is still for local use (one
// file on one machine); production refuses it (bot/config.ts) and configures Azure Storage instead.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_ACCOUNT, devConnectionString, startAzurite, type RunningAzurite } from './azurite.ts';
import {
  breakStaleLock,
  installExitHook,
  isStale,
  lockText,
  readLock,
  releaseLock,
  tryCreateLock,
  type LockInfo,
} from './lock-file.ts';
import type { StorageLog } from './log.ts';

export type { StorageLog } from './log.ts';

export interface EmbeddedStore {
  /** Stays the same for the life of the store, through a takeover. */
  readonly connectionString: string;
  /** Whether this process runs the Azurite (becomes true after a takeover). */
  readonly owner: boolean;
  close(): Promise<void>;
}

export interface EmbeddedStoreOptions {
  dataDir: string;
  port: number;
  host?: string;
  log: StorageLog;
  /** A server (true) watches a foreign owner and takes over if it dies; a CLI command (false) does not. */
  longLived: boolean;
  /**
   * Called after this process has taken over from a dead owner, before the takeover is logged.
   * A table whose creation the dead owner never answered may be missing, so a caller can
   * re-create what it needs here.
   */
  onTakeover?: () => Promise<void> | void;
}

const DEFAULT_HOST = '127.0.0.1';
/** Same name as the azurite CLI uses, so `azurite-table --location DATA_DIR/tables` opens the same data. */
const DB_FILE = '__azurite_db_table__.json';
const ATTACH_WAIT_MS = 10_000;
const POLL_MS = 100;
const WATCH_MS = 2_000;
const PROBE_TIMEOUT_MS = 1_000;

export async function openEmbeddedStore(opts: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const host = opts.host ?? DEFAULT_HOST;
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error(`EMBEDDED_TABLES_PORT must be a port number (0-65535), got ${String(opts.port)}`);
  }
  const dataDir = resolve(opts.dataDir);
  const tablesDir = join(dataDir, 'tables');
  const dbPath = join(tablesDir, DB_FILE);
  const lockPath = join(dataDir, 'tables.lock');
  mkdirSync(tablesDir, { recursive: true });
  installExitHook();

  const deadline = Date.now() + ATTACH_WAIT_MS;
  for (;;) {
    if (tryCreateLock(lockPath, { pid: process.pid, port: opts.port, host, startedAt: new Date().toISOString() })) {
      const azurite = await startOwned(lockPath, dbPath, host, opts.port);
      opts.log('storage.embedded', { dataDir, port: azurite.port, owner: true });
      return ownerStore(lockPath, azurite);
    }
    const lock = readLock(lockPath);
    if (lock === 'missing') continue; // released between our attempt and the read: try again at once
    if (isStale(lockPath, lock)) {
      if (!breakStaleLock(lockPath, lock)) await sleep(POLL_MS / 10); // another process is breaking it
      continue;
    }
    if (lock !== 'unreadable' && (await answersAsAzurite(lock.host, lock.port))) {
      opts.log('storage.embedded', { dataDir, port: lock.port, owner: false, ownerPid: lock.pid });
      return attachedStore(opts, { dataDir, dbPath, lockPath }, lock);
    }
    if (Date.now() > deadline) {
      const where =
        lock === 'unreadable' ? 'its lock file is unreadable' : `nothing answers at ${lock.host}:${lock.port}`;
      const who = lock === 'unreadable' ? 'another process' : `process ${lock.pid}`;
      throw new Error(
        `The embedded table store in ${dataDir} is locked by ${who}, but ${where} after ${ATTACH_WAIT_MS / 1000} s. ` +
          `If ${who} is not this tracker, delete ${lockPath} and try again.`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Starts Azurite for a lock this process has just created; on failure releases the lock. */
async function startOwned(lockPath: string, dbPath: string, host: string, port: number): Promise<RunningAzurite> {
  let azurite: RunningAzurite;
  try {
    azurite = await startAzurite({ host, port, dbPath });
  } catch (err) {
    releaseLock(lockPath);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const why = code === 'EADDRINUSE' ? 'is already in use by another program' : 'may not be used by this user';
      throw new Error(
        `Cannot start the embedded table store: ${host}:${port} ${why}. Set EMBEDDED_TABLES_PORT to a free port ` +
          `(or, if that is an Azurite you run yourself, configure a storage connection string for it instead).`,
        { cause: err },
      );
    }
    throw err;
  }
  if (azurite.port !== port) {
    // Port 0 asked Azurite to pick one: record the real port for the processes that attach.
    writeFileSync(
      lockPath,
      lockText({ pid: process.pid, port: azurite.port, host, startedAt: new Date().toISOString() }),
    );
  }
  return azurite;
}

function ownerStore(lockPath: string, azurite: RunningAzurite): EmbeddedStore {
  let closing: Promise<void> | undefined;
  return {
    connectionString: azurite.connectionString,
    owner: true,
    close() {
      closing ??= (async () => {
        try {
          await azurite.close(); // LokiJS writes the database file here
        } finally {
          releaseLock(lockPath); // only after the data is on disk
        }
      })();
      return closing;
    },
  };
}

function attachedStore(
  opts: EmbeddedStoreOptions,
  paths: { dataDir: string; dbPath: string; lockPath: string },
  lock: LockInfo,
): EmbeddedStore {
  const { dataDir, dbPath, lockPath } = paths;
  // The connection string names the first owner's endpoint; a takeover restarts Azurite there.
  const target = { host: lock.host, port: lock.port };
  const connectionString = devConnectionString(target.host, target.port);
  let watchedPid = lock.pid;
  let azurite: RunningAzurite | undefined;
  let closed = false;
  let check: Promise<void> | undefined;

  const takeOverIfOwnerGone = async (): Promise<void> => {
    const current = readLock(lockPath);
    if (current !== 'missing' && !isStale(lockPath, current)) {
      if (current !== 'unreadable' && current.pid !== watchedPid) {
        // Someone else took over (or restarted); keep watching them.
        watchedPid = current.pid;
        if (current.host !== target.host || current.port !== target.port) {
          opts.log('storage.embedded.owner-moved', {
            dataDir,
            ownerPid: current.pid,
            port: current.port,
            expectedPort: target.port,
          });
        }
      }
      return;
    }
    if (current !== 'missing' && !breakStaleLock(lockPath, current)) return; // next tick
    const previousOwner = watchedPid;
    if (!tryCreateLock(lockPath, { pid: process.pid, ...target, startedAt: new Date().toISOString() })) return;
    try {
      azurite = await startAzurite({ host: target.host, port: target.port, dbPath });
    } catch (err) {
      releaseLock(lockPath);
      opts.log('storage.embedded.takeover-failed', { dataDir, port: target.port, error: String(err) });
      return; // try again on the next tick
    }
    stopWatching();
    if (closed) return; // close() is waiting for this check and will shut the new Azurite down
    try {
      await opts.onTakeover?.();
    } catch (err) {
      opts.log('storage.embedded.takeover-hook-failed', { dataDir, error: String(err) });
    }
    opts.log('storage.embedded.takeover', { dataDir, port: target.port, previousOwnerPid: previousOwner });
  };

  let timer: NodeJS.Timeout | undefined;
  const stopWatching = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  if (opts.longLived) {
    timer = setInterval(() => {
      if (check !== undefined || closed) return; // one check at a time
      check = takeOverIfOwnerGone()
        .catch((err: unknown) => opts.log('storage.embedded.watch-failed', { dataDir, error: String(err) }))
        .finally(() => {
          check = undefined;
        });
    }, WATCH_MS);
    timer.unref();
  }

  let closing: Promise<void> | undefined;
  return {
    connectionString,
    get owner() {
      return azurite !== undefined;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        stopWatching();
        await check;
        if (azurite !== undefined) {
          try {
            await azurite.close();
          } finally {
            releaseLock(lockPath);
          }
        }
      })();
      return closing;
    },
  };
}

// ---- is the owner up? -------------------------------------------------------------------------

/** True when host:port gives an HTTP answer from Azurite's Table service (any status). */
function answersAsAzurite(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false); // the owner is still picking its port
  return new Promise((done) => {
    const req = request(
      { host, port, path: `/${DEV_ACCOUNT}/Tables`, method: 'GET', agent: false, timeout: PROBE_TIMEOUT_MS },
      (res) => {
        res.resume();
        done(/^Azurite-Table\b/i.test(String(res.headers.server ?? '')));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(false));
    req.end();
  });
}
