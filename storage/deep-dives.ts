// The `deepdives` table: a board's Schedule of Deep Dive Subjects, a row a month, one partition a
// board (tenant|board), row key 'yyyy-MM'. Kept apart from the meetings because the schedule runs
// months ahead of the calendar: a month's row is there for its meeting when that meeting is added.
import type { TableClient } from '@azure/data-tables';
import { scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { DeepDiveMonth, DeepDiveSource, Scope } from '../model/records.ts';
import { getRow, listRows, type Row } from './rows.ts';

export interface StoredDeepDive {
  month: DeepDiveMonth;
  etag: string;
}

export interface DeepDiveStore {
  get(scope: Scope, month: string): Promise<StoredDeepDive | null>;
  /** Every month of the schedule, earliest first. */
  list(scope: Scope): Promise<DeepDiveMonth[]>;
  /** Creates (`current` undefined; 409 if the month has a row) or replaces if unchanged since read (412). */
  save(scope: Scope, next: DeepDiveMonth, current?: StoredDeepDive): Promise<StoredDeepDive>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function toMonth(row: Row): DeepDiveMonth {
  const month: DeepDiveMonth = {
    month: String(row.rowKey),
    set: JSON.parse(String(row.set)) as DeepDiveSource,
  };
  if (typeof row.focus === 'string') month.focus = row.focus;
  if (typeof row.topic === 'string') month.topic = row.topic;
  return month;
}

export function createDeepDiveStore(table: TableClient): DeepDiveStore {
  return {
    async get(scope, month) {
      if (!MONTH.test(month)) throw new RangeError(`not a month: "${month}"`);
      const row = await getRow(table, scopeKey(scope), month);
      return row ? { month: toMonth(row), etag: row.etag } : null;
    },
    async list(scope) {
      return (await listRows(table, scopeKey(scope))).map(toMonth);
    },
    async save(scope, next, current) {
      if (!MONTH.test(next.month)) throw new RangeError(`not a month: "${next.month}"`);
      const entity = {
        partitionKey: scopeKey(scope),
        rowKey: next.month,
        focus: next.focus,
        topic: next.topic,
        set: JSON.stringify(next.set),
      };
      assertEntityFits(entity);
      const res = current
        ? await table.updateEntity(entity, 'Replace', { etag: current.etag })
        : await table.createEntity(entity);
      if (!res.etag) throw new Error('storage did not return an ETag for the written deep dive');
      return { month: next, etag: res.etag };
    },
  };
}
