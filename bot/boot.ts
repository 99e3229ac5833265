// Opening the tracker from configuration: storage (Azure, or the embedded default), stores and
// the board in scope. The server and the CLI start the same way.
import { openTables, type Tables } from '../storage/tables.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from './services/board-context.ts';

export interface Opened {
  board: BoardContext;
  stores: Stores;
  tables: Tables;
  close(): Promise<void>;
}

export async function openBoard(config: Config, log: Logger, opts: { longLived: boolean }): Promise<Opened> {
  const tables = await openTables({ ...config.tables, longLived: opts.longLived }, log.storage);
  const stores = createStores(tables);
  const board = createBoardContext(stores, { tenant: config.tenant, board: config.board });
  return { board, stores, tables, close: () => tables.close() };
}
