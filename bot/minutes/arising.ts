// The Actions Arising table: read row by row with the rules the `actions import` command uses
// (parseActionRows: any header row, 'ltem' included; N/A; several owners; 'The Force' a body;
// extra columns by their header), so that the two can never read one table two ways.
import { parseActionRows } from '../rules/import-parse.ts';
import { formatRef } from '../rules/refs.ts';
import type { Grid } from './layout.ts';
import { rowCells } from './layout.ts';
import type { ArisingAction, Unplaced } from './record.ts';
import { clean, isPageNumber } from './text.ts';

export function readArising(grids: readonly Grid[]): { actions: ArisingAction[]; unplaced: Unplaced[] } {
  const rows = grids
    .flatMap((g) => g.rows.map(rowCells))
    .filter((cells) => !cells.filter((c) => c !== '').every(isPageNumber));
  const actions: ArisingAction[] = [];
  const unplaced: Unplaced[] = [];
  for (const line of parseActionRows(rows)) {
    const text = clean(line.raw.replace(/\t+/g, ' | ')).replace(/^\|\s*|\s*\|$/g, '');
    if (line.kind === 'error') unplaced.push({ section: 'actions', text, why: line.reason });
    if (line.kind !== 'action') continue;
    for (const note of line.notes ?? []) unplaced.push({ section: 'actions', text, why: note });
    actions.push({
      ref: formatRef(line.ref),
      ownersAsWritten: line.ownerText,
      owners: line.labels,
      ownerForm: line.ownerForm,
      text: clean(line.text),
      ...(line.due ? { due: line.due } : {}),
      ...(line.status ? { status: line.status } : {}),
      ...(line.outcome ? { outcome: line.outcome } : {}),
    });
  }
  return { actions, unplaced };
}
