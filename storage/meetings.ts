// The `meetings` table: a board's meetings, one partition a board (tenant|board), row key the
// ISO date, so a partition read returns them in date order (a board meets about monthly, so a
// decade is a few hundred rows). What the minutes record of a meeting (attendees, apologies,
// items, the chair) is kept on its row as JSON, each within a property's 64 KiB (limits.ts).
// The partition's row 'v' is the calendar's version (kept.ts), rewritten with every meeting saved:
// list() reads the meetings again only when its ETag changed.
import type { TableClient } from '@azure/data-tables';
import { scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { IsoDate, Meeting, Scope } from '../model/records.ts';
import { keptByVersion, VERSION_ROW, versionBump } from './kept.ts';
import { etagOf, getRow, listRows } from './rows.ts';

export interface StoredMeeting {
  meeting: Meeting;
  etag: string;
}

const TEXT = ['time', 'location', 'next', 'focus', 'deepDive', 'end', 'previous'] as const;
const JSON_FIELDS = ['deepDiveSet', 'chair', 'minuteTaker', 'attendees', 'apologies', 'items'] as const;

function toMeeting(e: Record<string, unknown>): Meeting {
  const meeting: Meeting = { date: String(e.rowKey) };
  for (const field of TEXT) {
    const value = e[field];
    if (typeof value === 'string') meeting[field] = value;
  }
  // Written by toEntity below from the same fields, so each parses back to its own type.
  const parsed = meeting as Record<(typeof JSON_FIELDS)[number], unknown>;
  for (const field of JSON_FIELDS) {
    const value = e[field];
    if (typeof value === 'string') parsed[field] = JSON.parse(value);
  }
  return meeting;
}

function toEntity(scope: Scope, m: Meeting): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: scopeKey(scope),
    rowKey: m.date,
  };
  for (const field of TEXT) if (m[field] !== undefined) entity[field] = m[field];
  for (const field of JSON_FIELDS) if (m[field] !== undefined) entity[field] = JSON.stringify(m[field]);
  return entity;
}

/** Throws StorageLimitError, naming the field, when the meeting could not be stored (a list too long). */
export function assertMeetingFits(scope: Scope, meeting: Meeting): void {
  assertEntityFits(toEntity(scope, meeting));
}

export interface MeetingStore {
  get(scope: Scope, date: IsoDate): Promise<StoredMeeting | null>;
  /** Every meeting of the board, oldest first: read again only when one changed; the meetings are frozen (shared). */
  list(scope: Scope): Promise<Meeting[]>;
  /** Creates (`current` undefined; 409 if that date exists) or replaces if unchanged since read (412). */
  save(scope: Scope, next: Meeting, current?: StoredMeeting): Promise<StoredMeeting>;
}

export function createMeetingStore(table: TableClient): MeetingStore {
  // Safe to keep: kept by the version row's ETag, which every save changes (kept.ts).
  const calendar = keptByVersion(table, async (pk) =>
    (await listRows(table, pk)).filter((row) => row.rowKey !== VERSION_ROW).map(toMeeting),
  );
  return {
    async get(scope, date) {
      const row = await getRow(table, scopeKey(scope), date);
      return row ? { meeting: toMeeting(row), etag: row.etag } : null;
    },
    async list(scope) {
      return [...(await calendar(scopeKey(scope)))];
    },
    async save(scope, next, current) {
      const entity = toEntity(scope, next);
      assertEntityFits(entity);
      const res = await table.submitTransaction([
        current ? ['update', entity, 'Replace', { etag: current.etag }] : ['create', entity],
        versionBump(entity.partitionKey),
      ]);
      return { meeting: next, etag: etagOf(res.subResponses, entity.rowKey) };
    },
  };
}
