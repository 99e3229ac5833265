// Who attended (No | Name | Capacity | Dial In) and who sent apologies (Name | Capacity |
// Representative), as written: names are matched to the directory later, by the import.
import type { Apology, Attendee, Unplaced } from './record.ts';
import type { Grid } from './layout.ts';
import { columnsOf, rowCells } from './layout.ts';
import { isHeaderRow } from './sections.ts';
import { clean } from './text.ts';

const COLUMNS = {
  no: /^(no|number|#)$/,
  name: /^(name|names|attendee|attendees|full name)$/,
  capacity: /^(capacity|role|title|job title|position|organisation|representing)$/,
  dialIn: /^(dial in|dialled in|dial|remote|virtual|teams|online)$/,
  representative: /^(representative|deputy|substitute|represented by|sent in place)$/,
} as const;

// The mark in the Dial In column: an x (Latin or Cyrillic), a tick, yes.
const MARK = /^([x\u0445\u2713\u2714\u2611]|yes|y)$/i;
const NONE = /^(nil|none|n\/a|-|\u2013|no one|nobody)\.?$/i;

type Columns = Partial<Record<keyof typeof COLUMNS, number>>;

/** The header's columns, or the layout guessed from a first row with a number in front. */
function columns(grid: Grid): { cols: Columns; from: number } {
  const rows = grid.rows.map(rowCells);
  const headerAt = rows.findIndex((r) => isHeaderRow(r) && columnsOf(r, COLUMNS).name !== undefined);
  if (headerAt >= 0) return { cols: columnsOf(rows[headerAt] ?? [], COLUMNS), from: headerAt + 1 };
  const numbered = rows.some((r) => /^\d{1,2}\.?$/.test(r[0] ?? ''));
  return { cols: numbered ? { no: 0, name: 1, capacity: 2, dialIn: 3 } : { name: 0, capacity: 1 }, from: 0 };
}

function rowsOf(grid: Grid): Array<{ at: (i: number | undefined) => string; text: string }> {
  const { from } = columns(grid);
  return grid.rows.slice(from).map((row) => {
    const cells = rowCells(row);
    return { at: (i) => (i === undefined ? '' : clean(cells[i] ?? '')), text: cells.filter(Boolean).join(' | ') };
  });
}

export function readAttendees(grids: readonly Grid[]): { attendees: Attendee[]; unplaced: Unplaced[] } {
  const attendees: Attendee[] = [];
  const unplaced: Unplaced[] = [];
  for (const grid of grids) {
    const { cols } = columns(grid);
    for (const { at, text } of rowsOf(grid)) {
      if (text === '') continue;
      const name = at(cols.name ?? 0);
      if (name === '' || /^\d+$/.test(name)) {
        unplaced.push({ section: 'attendees', text, why: 'no name in the Name column' });
        continue;
      }
      const capacity = at(cols.capacity);
      attendees.push({ name, ...(capacity ? { capacity } : {}), dialIn: MARK.test(at(cols.dialIn)) });
    }
  }
  return { attendees, unplaced };
}

export function readApologies(grids: readonly Grid[]): { apologies: Apology[]; unplaced: Unplaced[] } {
  const apologies: Apology[] = [];
  const unplaced: Unplaced[] = [];
  for (const grid of grids) {
    const { cols } = columns(grid);
    for (const { at, text } of rowsOf(grid)) {
      if (text === '' || NONE.test(text)) continue;
      const written = at(cols.name ?? 0);
      // 'Owen Marsh (Deputy Chief Constable)': a capacity in brackets after the name.
      const m = /^(.*?)\s*\(([^()]+)\)$/.exec(written);
      const name = m?.[1] || written;
      if (name === '') {
        unplaced.push({ section: 'apologies', text, why: 'no name in the Name column' });
        continue;
      }
      const capacity = at(cols.capacity) || m?.[2] || '';
      const representative = at(cols.representative);
      apologies.push({
        name,
        ...(capacity ? { capacity } : {}),
        ...(representative && !NONE.test(representative) ? { representative } : {}),
      });
    }
  }
  return { apologies, unplaced };
}
