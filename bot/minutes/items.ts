// The items for discussion: rows grouped by the item number that opens them (`NN.dd/MM/yyyy` with
// the meeting's date; a number with an earlier date is a reviewed action, not an item), each with
// its title, its exemption line, and its rows' Item and Action columns for the readers after.
import { formatUkDate, readRefAt } from '../rules/refs.ts';
import type { IsoDate } from '../rules/types.ts';
import type { Cell, Paragraph } from './document.ts';
import { previousMeetingIn } from './header.ts';
import type { Grid } from './layout.ts';
import { columnsOf, rowCells } from './layout.ts';
import type { AgendaItem, Unplaced } from './record.ts';
import { isHeaderRow } from './sections.ts';
import { cellLine, cellParagraphs, clean, isPageNumber } from './text.ts';
import { splitTitle } from './titles.ts';

export interface ItemRow {
  /** Unique over the minutes' items, to say which rows a reader took. */
  id: number;
  /** The Number column as written ('' when empty). */
  number: string;
  /** The Item column's paragraphs (for an item's first row, those after its title). */
  item: Paragraph[];
  /** The Action column's paragraphs, page numbers left out. */
  action: Paragraph[];
  /** The row on one line, to show what could not be placed. */
  text: string;
}

/** A paragraph of a row's Item column, named for the readers to say which they took: '4.2'. */
export const paragraphKey = (row: Pick<ItemRow, 'id'>, index: number): string => `${row.id}.${index}`;

export interface ReadItem extends AgendaItem {
  /** The item's number: 4 for '04.14/03/2023'. */
  n: number;
  date: IsoDate;
  rows: ItemRow[];
}

const COLUMNS = {
  number: /^(number|no|item no|ref|reference|minute|minute no)$/,
  item: /^(item|items|discussion|subject|agenda item|minutes|notes)$/,
  action: /^(action|actions|action by|owner|status|outcome)$/,
} as const;

/** The item number at the start of a cell: '04.14/03/2023', and where it ends. */
function itemNumber(text: string): { n: number; date: IsoDate; end: number } | null {
  const read = readRefAt(text);
  if (!read || read.ref.shape !== 'numbered' || read.ref.sub !== undefined) return null;
  return { n: read.ref.number, date: read.ref.meeting, end: read.end };
}

/** Cells put back under their columns: a copy drops a row's empty first cell, or adds one. */
function aligned(cells: readonly Cell[], width: number): Cell[] {
  const out = [...cells];
  while (out.length > width && cellLine(out.at(-1)) === '') out.pop();
  while (out.length > width && cellLine(out[0]) === '') out.shift();
  const first = cellLine(out[0]);
  if (out.length < width && first !== '' && !readRefAt(first)) out.unshift({ paragraphs: [] });
  return out;
}

const EXEMPTION = /\bexempt(?:ion|ed)?\b/i;
const CITES_LAW = /\bFOIA\b|freedom of information|\bsection\b|\bs\s*\.\s*\d/i;

/** 'Exempt FOIA under Section S.31 (Law Enforcement)' -> its section and reason. */
export function exemptionOf(text: string): AgendaItem['exempt'] | null {
  const t = clean(text);
  if (t.split(' ').length > 20 || !EXEMPTION.test(t) || !(CITES_LAW.test(t) || /^\W*exempt/i.test(t))) return null;
  const section = /\b(?:section|s)\s*\.?\s*(?:s\s*\.?\s*)?(\d{1,2}[A-Z]?)\b/i.exec(t)?.[1];
  const reason =
    /\(([^()]+)\)\s*\.?$/.exec(t)?.[1] ?? /(?:\s[-\u2013\u2014]|[,:])\s*([A-Za-z][A-Za-z ]+?)\.?$/.exec(t)?.[1];
  return { text: t, ...(section ? { section } : {}), ...(reason ? { reason: reason.trim() } : {}) };
}

export interface ItemsRead {
  items: ReadItem[];
  /** The date the items are numbered with: the meeting's. */
  date?: IsoDate;
  previousMeeting?: IsoDate;
  unplaced: Unplaced[];
}

export function readItems(grids: readonly Grid[], meeting: IsoDate | undefined): ItemsRead {
  let cols = { number: 0, item: 1, action: 2 };
  let width = 3;
  const rows: Array<{ cells: Cell[] }> = [];
  for (const grid of grids) {
    for (const row of grid.rows) {
      const cells = rowCells(row);
      const header = isHeaderRow(cells) ? columnsOf(cells, COLUMNS) : {};
      if (header.item !== undefined) {
        cols = { number: header.number ?? 0, item: header.item, action: header.action ?? header.item + 1 };
        width = cells.filter((c) => c !== '').length;
      } else rows.push({ cells: row.cells });
    }
  }
  const numbers = rows.flatMap((r) => {
    const found = itemNumber(cellLine(r.cells[cols.number]));
    return found ? [found.date] : [];
  });
  // The items carry the meeting's date, or else the latest in the Number column (reviewed actions carry earlier ones).
  const date = meeting && numbers.includes(meeting) ? meeting : numbers.sort().at(-1);
  const items: ReadItem[] = [];
  const unplaced: Unplaced[] = [];
  if (meeting && date && date !== meeting)
    unplaced.push({
      section: 'items',
      text: `items numbered NN.${formatUkDate(date)}`,
      why: `the items are numbered for ${formatUkDate(date)}, but the meeting's date is ${formatUkDate(meeting)}`,
    });
  let id = 0;
  for (const { cells: raw } of rows) {
    const cells = aligned(raw, width);
    const numberText = cellLine(cells[cols.number]);
    const itemParas = cellParagraphs(cells[cols.item]);
    const action = cellParagraphs(cells[cols.action]).filter((p) => !isPageNumber(p.text));
    const text = cells
      .map(cellLine)
      .filter((c) => c !== '' && !isPageNumber(c))
      .join(' | ');
    if (text === '') continue;
    const found = itemNumber(numberText);
    if (found && found.date === date) {
      // The title may share the Number cell ('01.14/03/2023 Minutes'), or have the Item cell to itself.
      const glued = clean(numberText.slice(found.end));
      const paras = glued ? [{ text: glued }, ...itemParas] : itemParas;
      const { title, body } = splitTitle(paras);
      const exempt = paras.map((p) => exemptionOf(p.text)).find((e) => e !== null);
      items.push({
        number: clean(numberText.slice(0, found.end)).replace(/[.:]$/, ''),
        n: found.n,
        date: found.date,
        title,
        ...(exempt ? { exempt } : {}),
        rows: [{ id: id++, number: '', item: body, action, text }],
      });
      continue;
    }
    const current = items.at(-1);
    if (!current) {
      unplaced.push({ section: 'items', text, why: 'before the first item number (NN.dd/MM/yyyy)' });
      continue;
    }
    const exempt = itemParas.map((p) => exemptionOf(p.text)).find((e) => e !== null);
    if (exempt && !current.exempt) current.exempt = exempt;
    current.rows.push({ id: id++, number: numberText, item: itemParas, action, text });
  }
  const previousMeeting = items
    .flatMap((i) => i.rows.flatMap((r) => r.item.map((p) => previousMeetingIn(p.text))))
    .find((d) => d !== null);
  return { items, ...(date ? { date } : {}), ...(previousMeeting ? { previousMeeting } : {}), unplaced };
}
