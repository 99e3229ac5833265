// The `meetings` table: a board's meetings, one partition a board (tenant|board), row key the
// ISO date, so a partition read returns them in date order (a board meets about monthly, so a
// decade is a few hundred rows).
import type { TableClient } from '@azure/data-tables';
import { scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { IsoDate, Meeting, Scope } from '../model/records.ts';
import { getRow, listRows } from './rows.ts';

export interface StoredMeeting {
  meeting: Meeting;
  etag: string;
}

function toMeeting(e: Record<string, unknown>): Meeting {
  const meeting: Meeting = { date: String(e.rowKey) };
  for (const field of ['time', 'location', 'next', 'focus', 'deepDive'] as const) {
    const value = e[field];
    if (typeof value === 'string') meeting[field] = value;
  }
  return meeting;
}

export interface MeetingStore {
  get(scope: Scope, date: IsoDate): Promise<StoredMeeting | null>;
  /** Every meeting of the board, oldest first. */
  list(scope: Scope): Promise<Meeting[]>;
  /** Creates (`current` undefined; 409 if that date exists) or replaces if unchanged since read (412). */
  save(scope: Scope, next: Meeting, current?: StoredMeeting): Promise<StoredMeeting>;
}

export function createMeetingStore(table: TableClient): MeetingStore {
  return {
    async get(scope, date) {
      const row = await getRow(table, scopeKey(scope), date);
      return row ? { meeting: toMeeting(row), etag: row.etag } : null;
    },
    async list(scope) {
      return (await listRows(table, scopeKey(scope))).map(toMeeting);
    },
    async save(scope, next, current) {
      const { date, ...details } = next;
      const entity = { partitionKey: scopeKey(scope), rowKey: date, ...details };
      assertEntityFits(entity);
      const res = current
        ? await table.updateEntity(entity, 'Replace', { etag: current.etag })
        : await table.createEntity(entity);
      if (!res.etag) throw new Error('storage did not return an ETag for the written meeting');
      return { meeting: next, etag: res.etag };
    },
  };
}
