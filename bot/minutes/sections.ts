// Which section each grid of the minutes is, by the heading before it, its header row, or what
// its rows hold, in that order of trust: headings are renamed and left out, tables gain columns,
// sections move about; whatever says it most clearly wins.
import { readRefAt } from '../rules/refs.ts';
import { headerName } from '../rules/csv-columns.ts';
import { ownerLabelKind, splitOwnerLine } from '../rules/owners.ts';
import { monthIndex } from '../rules/deep-dives.ts';
import type { Grid } from './layout.ts';
import { rowCells } from './layout.ts';
import { CLOSING, LABEL, sectionNamed, type GridKind } from './markers.ts';
import { isPageNumber } from './text.ts';

/** The cells of a header row: every filled cell a short label, and no reference or item number among them. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return (
    filled.length >= 2 &&
    filled.every(
      (c) => c.split(' ').length <= 6 && !/\d{1,2}\/\d{1,2}\/\d{2,4}|^\d+$|^n\/a$/i.test(c) && !/[.:;]$/.test(c),
    )
  );
}

function byHeader(cells: readonly string[]): GridKind | 'people' | null {
  if (!isHeaderRow(cells)) return null;
  const names = cells.map(headerName).join('|');
  if (/representative|deputy|substitute|sent in place/.test(names)) return 'apologies';
  if (/dial|remote|virtual/.test(names)) return 'attendees';
  if (/(^|\|)((pam|meeting) )?month(\||$)/.test(names) || /deep dive|topic/.test(names)) return 'deep-dives';
  if (/(^|\|)name(\||$)|name capacity/.test(names)) return 'people';
  const item = /(^|\|)([li]tem|ref|reference|no|number|item no)(\||$)/.test(names);
  if (item && /(^|\|)action/.test(names)) return /number|no(\||$)|discussion/.test(names) ? 'items' : 'actions';
  if (/(^|\|)(number|no|item)(\||$)/.test(names) && /item|discussion|minute/.test(names)) return 'items';
  return null;
}

function ownedByInitials(text: string): boolean {
  const split = splitOwnerLine(text);
  return !('error' in split) && split.labels.every((l) => ownerLabelKind(l) === 'strong');
}

function byContent(grid: Grid): GridKind {
  const rows = grid.rows.map(rowCells).map((cells) => cells.filter((c) => c !== '' && !isPageNumber(c)));
  const first = rows.map((r) => r[0] ?? '');
  const count = (test: (row: string[], first: string) => boolean): number =>
    rows.filter((r, i) => r.length > 0 && test(r, first[i] ?? '')).length;
  const filled = count(() => true);
  if (count((_, f) => CLOSING.test(f)) > 0 && count((_, f) => LABEL.test(f)) <= 1) return 'closing';
  const labels = count((_, f) => LABEL.test(f));
  if (labels >= 2 || (labels > 0 && labels === filled)) return 'meeting';
  const refs = count((_, f) => readRefAt(f) !== null);
  // Owned by initials, a role or a body: an item title can look like a name ('Victims' Code Compliance – ...').
  const owned = count((r, f) => readRefAt(f) !== null && r.length >= 2 && ownedByInitials(r[1] ?? ''));
  if (refs > 0 && owned * 2 >= refs) return 'actions';
  if (refs > 0) return 'items';
  if (count((_, f) => monthIndex(f.split(' ')[0] ?? '') !== null) * 2 > filled) return 'deep-dives';
  return 'other';
}

/** What the grid is. */
export function kindOf(grid: Grid): GridKind {
  const heading = grid.title ? sectionNamed(grid.title) : undefined;
  const headerRow = grid.rows.map(rowCells).find((cells) => cells.some((c) => c !== ''));
  const header = headerRow ? byHeader(headerRow) : null;
  if (header === 'people') return heading === 'apologies' ? 'apologies' : 'attendees';
  // A heading and a header that disagree: the header says what the columns are.
  return header ?? heading ?? byContent(grid);
}
