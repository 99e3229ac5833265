// A partition read again only when it changed. Every write to it rewrites its version row in the
// same transaction, so the row's ETag changes with any change to the partition's rows; a read
// looks at that ETag first, and reads the rows again only when it is not the one they were read at.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { getRow } from './rows.ts';

/** The version row's key: outside every range the table modules read (people 'p|', 'e|', 't|'; meetings' ISO dates). */
export const VERSION_ROW = 'v';

/** What every write to a kept partition adds to its transaction. */
export const versionBump = (partitionKey: string): TransactionAction => [
  'upsert',
  { partitionKey, rowKey: VERSION_ROW },
  'Replace',
];

/**
 * How long a read is kept even with its version unchanged: rows written by a process that predates
 * the version row (an instance still running the previous release while a new one starts) are seen within this.
 */
export const KEPT_MS = 60_000;

/** Frozen through and through: a value kept for every request can be changed by none of them. */
function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFrozen(inner);
  }
  return value;
}

/** `read(partitionKey)`, kept for each partition by its version row's ETag, frozen. */
export function keptByVersion<T>(table: TableClient, read: (partitionKey: string) => Promise<T>) {
  const kept = new Map<string, { version: string; at: number; value: T }>();
  return async (partitionKey: string): Promise<T> => {
    const version = (await getRow(table, partitionKey, VERSION_ROW))?.etag ?? '';
    const known = kept.get(partitionKey);
    if (known && known.version === version && performance.now() - known.at < KEPT_MS) return known.value;
    const at = performance.now();
    const value = deepFrozen(await read(partitionKey));
    kept.set(partitionKey, { version, at, value });
    return value;
  };
}
