// The `discussions` table: what the minutes say under each item of a meeting, in their own words,
// a row an item, one partition a board. An item's prose can pass a property's 64 KB, so it is kept
// deflated over numbered columns (packed.ts), up to a row's 1 MB; the meeting's row stays small.
// An exempt item's prose belongs to the full record only: it is kept in rows of its own, which the
// open minutes never read.
//
//   o|{date}|{item number}   an open item's discussion     what the open minutes print
//   w|{date}|{item number}   an exempt item's discussion   the full record, withheld from publication
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits, entityBytes, MAX_TRANSACTION_BYTES, MAX_TRANSACTION_OPERATIONS } from './limits.ts';
import type { IsoDate, ItemDiscussion, Scope } from '../model/records.ts';
import { assertPackedFits, pack, unpack } from './packed.ts';
import { listRows, type Row } from './rows.ts';

/** A meeting's item discussions by item number as minuted ('02.21/07/2020'). */
export type Discussions = ReadonlyMap<string, ItemDiscussion>;

export interface MeetingDiscussions {
  open: Discussions;
  /** The exempt items': never published. */
  withheld: Discussions;
}

export interface DiscussionStore {
  /** The discussions of the meeting's open items: the only ones the open minutes may print. */
  listOpen(scope: Scope, date: IsoDate): Promise<Map<string, ItemDiscussion>>;
  /** Every item's discussion, the exempt items' apart: the full record. */
  list(scope: Scope, date: IsoDate): Promise<MeetingDiscussions>;
  /** Makes the meeting's discussions these: rows written, moved between open and withheld, or deleted. */
  replace(scope: Scope, date: IsoDate, next: MeetingDiscussions): Promise<void>;
}

type Kind = 'o' | 'w';
type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const range = (kind: Kind, date: IsoDate): string => `${key(kind, date)}|`;

function toEntity(scope: Scope, kind: Kind, date: IsoDate, number: string, d: ItemDiscussion): Entity {
  const columns = pack('discussion', JSON.stringify(d));
  assertPackedFits(columns, `the discussion of item ${number} is too long to store`);
  const entity = { partitionKey: scopeKey(scope), rowKey: key(kind, date, keyPart(number)), number, ...columns };
  assertEntityFits(entity);
  return entity;
}

/** Throws StorageLimitError, naming the item, when its discussion could not be stored. */
export function assertDiscussionFits(scope: Scope, date: IsoDate, number: string, d: ItemDiscussion): void {
  toEntity(scope, 'o', date, number, d);
}

function toDiscussions(rows: readonly Row[]): Map<string, ItemDiscussion> {
  // Written by toEntity from an ItemDiscussion, so it parses back to one.
  return new Map(
    rows.map((row) => [String(row.number), JSON.parse(unpack(row, 'discussion') ?? '') as ItemDiscussion]),
  );
}

/** Operations in transactions of at most 100 and under 4 MB, in their order. */
function batches(ops: readonly TransactionAction[]): TransactionAction[][] {
  const out: TransactionAction[][] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = entityBytes(op[1]);
    const last = out.at(-1);
    if (!last || last.length >= MAX_TRANSACTION_OPERATIONS || bytes + size > MAX_TRANSACTION_BYTES) {
      out.push([op]);
      bytes = size;
    } else {
      last.push(op);
      bytes += size;
    }
  }
  return out;
}

export function createDiscussionStore(table: TableClient): DiscussionStore {
  const read = async (scope: Scope, kind: Kind, date: IsoDate): Promise<Row[]> =>
    listRows(table, scopeKey(scope), range(kind, date));

  return {
    async listOpen(scope, date) {
      return toDiscussions(await read(scope, 'o', date));
    },
    async list(scope, date) {
      const [open, withheld] = await Promise.all([read(scope, 'o', date), read(scope, 'w', date)]);
      return { open: toDiscussions(open), withheld: toDiscussions(withheld) };
    },
    async replace(scope, date, next) {
      const writes = [
        ...[...next.open].map(([number, d]) => toEntity(scope, 'o', date, number, d)),
        ...[...next.withheld].map(([number, d]) => toEntity(scope, 'w', date, number, d)),
      ];
      const keep = new Set(writes.map((e) => e.rowKey));
      const current = await Promise.all([read(scope, 'o', date), read(scope, 'w', date)]);
      const stale = current.flat().filter((row) => !keep.has(String(row.rowKey)));
      // Deletions first: an item that became exempt leaves the open rows before anything else is written.
      const ops: TransactionAction[] = [
        ...stale.map((row): TransactionAction => [
          'delete',
          { partitionKey: scopeKey(scope), rowKey: String(row.rowKey) },
        ]),
        ...writes.map((e): TransactionAction => ['upsert', e, 'Replace']),
      ];
      for (const batch of batches(ops)) await table.submitTransaction(batch);
    },
  };
}
