// The two reads every table module makes: one row by its keys, and a row-key range in a partition.
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { isConflict, isNotFound } from './errors.ts';
import { prefixRange } from './keys.ts';

export type Row = TableEntityResult<Record<string, unknown>>;

/** The row, or null when there is none. */
export async function getRow(table: TableClient, partitionKey: string, rowKey: string): Promise<Row | null> {
  try {
    return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/**
 * Rows of the partition whose row key starts with `prefix` (all of it when omitted), in key order;
 * `below` bounds the range from above (exclusive), `limit` stops reading early.
 */
export async function listRows(
  table: TableClient,
  partitionKey: string,
  prefix?: string,
  opts: { below?: string; limit?: number } = {},
): Promise<Row[]> {
  const range = prefix ? prefixRange(prefix) : undefined;
  const to = opts.below ?? range?.to;
  const filter =
    range && to
      ? odata`PartitionKey eq ${partitionKey} and RowKey ge ${range.from} and RowKey lt ${to}`
      : odata`PartitionKey eq ${partitionKey}`;
  const rows: Row[] = [];
  for await (const row of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    rows.push(row);
    if (opts.limit !== undefined && rows.length >= opts.limit) break;
  }
  return rows;
}

/** The new ETag of `rowKey` from a transaction's responses (the first operation is always that row). */
export function etagOf(responses: ReadonlyArray<{ rowKey?: string; etag?: string }>, rowKey: string): string {
  const etag = responses.find((r) => r.rowKey === rowKey)?.etag ?? responses[0]?.etag;
  if (!etag) throw new Error(`storage did not return an ETag for ${rowKey}`);
  return etag;
}

/** Replaces the row only if it still has `etag`; false when someone else changed it first (412). */
export async function replaceIfUnchanged(
  table: TableClient,
  entity: { partitionKey: string; rowKey: string } & Record<string, unknown>,
  etag: string,
): Promise<boolean> {
  try {
    await table.updateEntity(entity, 'Replace', { etag });
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}
