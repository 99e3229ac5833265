// The `imports` table: minutes read and previewed, waiting for Import or Cancel; one partition a
// board, row key `m|{id}`. What reading the minutes found can pass Table Storage's 64 KB a
// property, so it is kept deflated over numbered columns under that limit (packed.ts).
// A pending import lives a day; the expired ones of a board are deleted when the next is held.
import { createHash, randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { isConflict, isNotFound } from './errors.ts';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import { assertPackedFits, pack, unpack } from './packed.ts';
import type { IsoDate, IsoInstant, Scope } from '../model/records.ts';
import { getRow, type Row } from './rows.ts';

/** How long a preview can be imported: the secretariat reads it the day they send it. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;

export type PendingState = 'pending' | 'applying' | 'applied' | 'cancelled';

export interface PendingImport {
  id: string;
  /** Who sent the minutes: their actor id and name. */
  by: { id: string; name: string };
  /** The file's name, or 'pasted text'. */
  source: string;
  /** The meeting given with the minutes (when they do not say it themselves). */
  meeting?: IsoDate;
  createdAt: IsoInstant;
  expiresAt: IsoInstant;
  state: PendingState;
  /** SHA-256 of `record` as held: the preview's buttons carry it. */
  digest: string;
  /** SHA-256 of the plan the card last showed: Import applies only that plan. */
  planDigest: string;
  /** Who last moved it on (pressed Import or Cancel), when, and with which request. */
  decidedBy?: { id: string; name: string };
  decidedAt?: IsoInstant;
  requestId?: string;
  /** What reading the minutes found (JSON), while it can still be imported. */
  record?: string;
  /** What Import did (JSON), once applied. */
  outcome?: string;
}

export interface StoredPending {
  pending: PendingImport;
  etag: string;
}

export type NewPending = Pick<PendingImport, 'by' | 'source' | 'meeting' | 'planDigest'> & { record: string };

export interface PendingImportStore {
  /** Keeps minutes to import under a new id (state pending, a day to live); drops the board's expired ones. */
  hold(scope: Scope, pending: NewPending, now: Date): Promise<StoredPending>;
  get(scope: Scope, id: string): Promise<StoredPending | null>;
  /** Replaces it if unchanged since `current` was read; null when someone else changed it first (412). */
  replace(scope: Scope, next: PendingImport, current: StoredPending): Promise<StoredPending | null>;
}

export const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

const rowKey = (id: string): string => key('m', keyPart(id));

function toEntity(scope: Scope, p: PendingImport): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const { id, by, decidedBy, record, outcome, ...fields } = p;
  const blobs = {
    ...(record !== undefined ? pack('record', record) : {}),
    ...(outcome ? pack('outcome', outcome) : {}),
  };
  assertPackedFits(blobs, 'these minutes are too large to hold for a preview');
  const entity = {
    partitionKey: scopeKey(scope),
    rowKey: rowKey(id),
    id,
    byId: by.id,
    byName: by.name,
    ...(decidedBy ? { decidedById: decidedBy.id, decidedByName: decidedBy.name } : {}),
    ...fields,
    ...blobs,
  };
  assertEntityFits(entity);
  return entity;
}

function toPending(row: Row): PendingImport {
  const text = (k: string): string | undefined => (typeof row[k] === 'string' ? (row[k] as string) : undefined);
  const record = unpack(row, 'record');
  const outcome = unpack(row, 'outcome');
  const pending: PendingImport = {
    id: String(row.id),
    by: { id: String(row.byId), name: String(row.byName) },
    source: String(row.source),
    createdAt: String(row.createdAt),
    expiresAt: String(row.expiresAt),
    state: row.state as PendingState,
    digest: String(row.digest),
    planDigest: String(row.planDigest),
  };
  const meeting = text('meeting');
  if (meeting) pending.meeting = meeting;
  const decidedById = text('decidedById');
  if (decidedById) pending.decidedBy = { id: decidedById, name: text('decidedByName') ?? '' };
  const decidedAt = text('decidedAt');
  if (decidedAt) pending.decidedAt = decidedAt;
  const requestId = text('requestId');
  if (requestId) pending.requestId = requestId;
  if (record !== undefined) {
    // Held minutes that do not match their digest were damaged: never import them.
    if (digestOf(record) !== pending.digest) throw new Error(`pending import ${pending.id} is damaged`);
    pending.record = record;
  }
  if (outcome !== undefined) pending.outcome = outcome;
  return pending;
}

export function createPendingImportStore(table: TableClient): PendingImportStore {
  /** Deletes the board's expired pending imports (a board holds a few a month). */
  async function dropExpired(partitionKey: string, now: Date): Promise<void> {
    const filter = odata`PartitionKey eq ${partitionKey} and expiresAt lt ${now.toISOString()}`;
    const rows = table.listEntities<{ expiresAt: string }>({ queryOptions: { filter, select: ['RowKey'] } });
    for await (const row of rows) {
      try {
        await table.deleteEntity(partitionKey, String(row.rowKey));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  return {
    async hold(scope, p, now) {
      const pending: PendingImport = {
        ...p,
        id: randomUUID(),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PENDING_TTL_MS).toISOString(),
        state: 'pending',
        digest: digestOf(p.record),
      };
      if (pending.meeting === undefined) delete pending.meeting;
      const entity = toEntity(scope, pending);
      await dropExpired(entity.partitionKey, now);
      const res = await table.createEntity(entity);
      if (!res.etag) throw new Error('storage did not return an ETag for the pending import');
      return { pending, etag: res.etag };
    },
    async get(scope, id) {
      const row = await getRow(table, scopeKey(scope), rowKey(id));
      return row ? { pending: toPending(row), etag: row.etag } : null;
    },
    async replace(scope, next, current) {
      try {
        const res = await table.updateEntity(toEntity(scope, next), 'Replace', { etag: current.etag });
        if (!res.etag) throw new Error('storage did not return an ETag for the pending import');
        return { pending: next, etag: res.etag };
      } catch (err) {
        if (isConflict(err)) return null;
        throw err;
      }
    },
  };
}
