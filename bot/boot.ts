// Opening the tracker from configuration: storage (Azure, or the embedded default), stores and
// the board in scope. The server and the CLI start the same way.
import { openTables, type Tables } from '../storage/tables.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { createStores, createTracker, type Tracker } from './services/tracker.ts';

export interface Opened {
  tracker: Tracker;
  tables: Tables;
  close(): Promise<void>;
}

export async function openTracker(config: Config, log: Logger, opts: { longLived: boolean }): Promise<Opened> {
  const tables = await openTables({ ...config.tables, longLived: opts.longLived }, log.storage);
  const tracker = createTracker(createStores(tables), { tenant: config.tenant, board: config.board });
  return { tracker, tables, close: () => tables.close() };
}
