// Opening the tracker from configuration: storage (Azure, or the embedded default), stores and
// the board in scope. The server and the CLI start the same way.
import { openTables, type Tables } from '../storage/tables.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { createStores, createTracker, type Stores, type Tracker } from './services/tracker.ts';

export interface Opened {
  tracker: Tracker;
  stores: Stores;
  tables: Tables;
  close(): Promise<void>;
}

export async function openTracker(config: Config, log: Logger, opts: { longLived: boolean }): Promise<Opened> {
  const tables = await openTables({ ...config.tables, longLived: opts.longLived }, log.storage);
  const stores = createStores(tables);
  const tracker = createTracker(stores, { tenant: config.tenant, board: config.board });
  return { tracker, stores, tables, close: () => tables.close() };
}
