// The Schedule of Deep Dive Subjects, read with the rules the `meeting deep-dives` command uses
// (readDeepDiveRows): each value from its own column, the year carried from the rows that write it,
// and, when none does, placed around the meeting's own date, never today's.
import { readDeepDiveRows } from '../rules/deep-dives.ts';
import type { IsoDate } from '../rules/types.ts';
import type { Grid } from './layout.ts';
import { rowCells } from './layout.ts';
import type { ScheduledDeepDive, Unplaced } from './record.ts';

export function readSchedule(
  grids: readonly Grid[],
  meeting: IsoDate | undefined,
): { deepDives: ScheduledDeepDive[]; unplaced: Unplaced[] } {
  const rows = grids.flatMap((g) => g.rows.map((r) => rowCells(r))).map((cells, i) => ({ line: i + 1, cells }));
  const deepDives: ScheduledDeepDive[] = [];
  const unplaced: Unplaced[] = [];
  for (const row of readDeepDiveRows(rows, meeting, 'around')) {
    const text = (rows[row.line - 1]?.cells ?? []).filter((c) => c !== '').join(' | ');
    if (row.kind === 'error') unplaced.push({ section: 'deep-dives', text, why: row.reason });
    if (row.kind !== 'entry') continue;
    deepDives.push({
      month: row.month,
      ...(row.focus ? { focus: row.focus } : {}),
      ...(row.quarter ? { quarter: row.quarter } : {}),
      ...(row.topic ? { topic: row.topic } : {}),
    });
  }
  return { deepDives, unplaced };
}
