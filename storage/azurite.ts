// Azurite's Table service, started in this process. Azurite ships no types, hence createRequire
// and the narrow interface below.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  // Internals, used only to clean up after a failed start (see startAzurite).
  metadataStore?: { close(): Promise<void> };
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
    host, options.port ?? 0, undefined, options.dbPath ?? ':memory:', false, false, undefined,
    undefined, false, true, '', '', '', undefined, false, inMemory,
  );
  const server: AzuriteTableServer = new TableServer(config);
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
