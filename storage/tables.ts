// The TableClient factory: one client per table, made once, from whichever storage is configured:
// a connection string (Azure Storage, Cosmos DB Table API, a local Azurite), an account URL with
// Entra ID (DefaultAzureCredential), or, with neither, the embedded Azurite under DATA_DIR.
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { isAlreadyExists, isNotFound } from './errors.ts';
import type { StorageLog } from './log.ts';

export type TableName =
  | 'actions'
  | 'meetings'
  | 'people'
  | 'conversations'
  | 'outbox'
  | 'jobs'
  | 'questions'
  | 'imports'
  | 'deepdives'
  | 'discussions';

export const TABLE_NAMES: readonly TableName[] = [
  'actions',
  'meetings',
  'people',
  'conversations',
  'outbox',
  'jobs',
  'questions',
  'imports',
  'deepdives',
  'discussions',
];

export interface TablesConfig {
  connectionString?: string;
  accountUrl?: string;
  dataDir: string;
  embeddedPort: number;
  prefix: string;
  longLived: boolean;
}

export interface Tables {
  client(name: TableName): TableClient;
  mode: 'connection-string' | 'account-url' | 'embedded';
  /** Where the data lives, for logs and health output; never holds a key or SAS. */
  describe: string;
  /** One cheap call proving storage answers (within ~3 s); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const TABLE_NAME_RULE = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
const PING_TIMEOUT_MS = 3_000;
/** Generous: the first Entra ID token can take a few seconds to obtain. */
const CREATE_TIMEOUT_MS = 30_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * People wait on these calls: Teams gives a card action a few seconds. The SDK's defaults (three
 * retries from 800 ms up to a minute apart, and no limit on a call that hangs) would keep them
 * waiting for minutes while storage is down; these give up within seconds, so the person is told
 * their reply was not saved (or not confirmed) while they are still looking at the card.
 */
const TRY_TIMEOUT_MS = 4_000;
const CLIENT_OPTIONS: TableServiceClientOptions = {
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
  additionalPolicies: [
    {
      position: 'perRetry',
      policy: {
        name: 'tryTimeout',
        sendRequest(request, next) {
          if (!request.timeout) request.timeout = TRY_TIMEOUT_MS;
          return next(request);
        },
      },
    },
  ],
};

export async function openTables(cfg: TablesConfig, log: StorageLog): Promise<Tables> {
  const started = performance.now();
  for (const name of TABLE_NAMES) {
    const full = cfg.prefix + name;
    if (!TABLE_NAME_RULE.test(full)) {
      throw new Error(
        `TABLES_PREFIX "${cfg.prefix}" gives the table name "${full}", which Azure does not accept: ` +
          'table names are 3-63 letters and digits and start with a letter.',
      );
    }
  }

  let mode: Tables['mode'];
  let describe: string;
  let makeClient: (table: string) => TableClient;
  let closeStore: () => Promise<void> = async () => {};
  // Set once the clients exist; a takeover of the embedded store re-creates the tables with it.
  // eslint-disable-next-line prefer-const -- set once the clients exist; the takeover callback made before them reads it
  let ensureTables: (() => Promise<void>) | undefined;

  if (cfg.connectionString) {
    const cs = cfg.connectionString;
    mode = 'connection-string';
    describe = describeConnectionString(cs);
    const allowInsecureConnection = cs.includes('http://'); // a local emulator
    makeClient = (table) => TableClient.fromConnectionString(cs, table, { ...CLIENT_OPTIONS, allowInsecureConnection });
  } else if (cfg.accountUrl) {
    const url = cfg.accountUrl;
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      throw new Error(
        `The storage account URL "${url}" is not a valid URL (e.g. https://ACCOUNT.table.core.windows.net)`,
      );
    }
    mode = 'account-url';
    describe = `${host} (Entra ID)`;
    const { DefaultAzureCredential } = await import('@azure/identity'); // only this mode needs it
    const credential = new DefaultAzureCredential();
    makeClient = (table) => new TableClient(url, table, credential, CLIENT_OPTIONS);
  } else {
    mode = 'embedded';
    const { openEmbeddedStore } = await import('./embedded.ts'); // azurite is big: load it only here
    const store = await openEmbeddedStore({
      dataDir: cfg.dataDir,
      port: cfg.embeddedPort,
      log,
      longLived: cfg.longLived,
      onTakeover: () => ensureTables?.(),
    });
    const endpoint = new URL(/TableEndpoint=([^;]+)/.exec(store.connectionString)?.[1] ?? 'http://unknown').host;
    describe = `embedded Azurite at ${endpoint}, data in ${cfg.dataDir}`;
    const cs = store.connectionString;
    makeClient = (table) =>
      TableClient.fromConnectionString(cs, table, { ...CLIENT_OPTIONS, allowInsecureConnection: true });
    closeStore = () => store.close();
  }

  const clients = new Map<TableName, TableClient>(TABLE_NAMES.map((name) => [name, makeClient(cfg.prefix + name)]));
  const client = (name: TableName): TableClient => {
    const found = clients.get(name);
    if (found === undefined) throw new Error(`Unknown table "${String(name)}"`);
    return found;
  };

  ensureTables = async () => {
    await Promise.all(
      TABLE_NAMES.map(async (name) => {
        try {
          await client(name).createTable({ abortSignal: AbortSignal.timeout(CREATE_TIMEOUT_MS) });
        } catch (err) {
          if (isAlreadyExists(err)) return; // the SDK already ignores TableAlreadyExists; belt and braces
          throw new Error(`Could not create table "${cfg.prefix + name}" at ${describe}: ${messageOf(err)}`, {
            cause: err,
          });
        }
      }),
    );
  };
  // A short-lived process (the CLI) needs storage now or not at all. A long-lived one (the server)
  // does not wait: it serves at once, says 503 on /healthz until the tables are there, and keeps
  // trying with backoff, so it comes up, and recovers, without a restart.
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let unavailable: Error | undefined = cfg.longLived ? new Error('storage is starting') : undefined;
  const prepare = async (): Promise<void> => {
    await ensureTables?.();
    unavailable = undefined;
    log('storage.tables', { mode, describe, prefix: cfg.prefix, ms: Math.round(performance.now() - started) });
  };
  const keepTrying = (delay: number): void => {
    prepare().catch((err: unknown) => {
      if (closed) return;
      const first = unavailable?.message === 'storage is starting';
      unavailable = err instanceof Error ? err : new Error(String(err));
      if (first) log('storage.unavailable', { describe, error: unavailable.message });
      retry = setTimeout(() => keepTrying(Math.min(delay * 2, RETRY_MAX_MS)), delay);
      retry.unref();
    });
  };
  if (cfg.longLived) {
    keepTrying(RETRY_FIRST_MS);
  } else {
    try {
      await prepare();
    } catch (err) {
      await closeStore().catch(() => undefined);
      throw err;
    }
  }

  return {
    client,
    mode,
    describe,
    async ping() {
      if (unavailable) throw new Error(`storage is not ready: ${unavailable.message}`);
      try {
        await client('meetings').getEntity('ping', 'ping', { abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
      } catch (err) {
        if (isNotFound(err)) return; // storage answered
        if (err instanceof Error && err.name === 'AbortError') {
          throw new Error(`Storage did not answer within ${PING_TIMEOUT_MS / 1000} s (${describe})`, { cause: err });
        }
        throw err;
      }
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await closeStore();
    },
  };
}

/** The endpoint host named by a connection string, never its key or SAS. */
export function describeConnectionString(cs: string): string {
  const parts = new Map<string, string>();
  for (const part of cs.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return '127.0.0.1:10002 (development storage)';
  const endpoint = parts.get('tableendpoint');
  if (endpoint !== undefined) {
    try {
      return new URL(endpoint).host;
    } catch {
      return 'an unparsable TableEndpoint';
    }
  }
  const account = parts.get('accountname');
  if (account !== undefined) return `${account}.table.${parts.get('endpointsuffix') ?? 'core.windows.net'}`;
  return 'an unrecognised connection string';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
