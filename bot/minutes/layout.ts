// The document seen as the section readers need it: grids of rows (a Word table, or a run of
// paragraphs whose tabs separate cells, as copied text has them), each with the heading written
// just before it, and the paragraphs outside them.
import { headerName } from '../rules/csv-columns.ts';
import type { Cell, MinutesDocument, Paragraph, Row } from './document.ts';
import { isHeaderOrClosing, sectionNamed } from './markers.ts';
import { cellLine, clean } from './text.ts';

export interface Grid {
  /** Where it starts in the document, to keep the sections in their order. */
  at: number;
  rows: Row[];
  /** The heading just before it ('Attendees'), when there is one. */
  title?: string;
}

export interface Loose {
  at: number;
  paragraph: Paragraph;
}

export interface Layout {
  grids: Grid[];
  /** The paragraphs outside the grids (titles, headings, 'Next Meeting: ...'). */
  loose: Loose[];
}

/** A paragraph that reads as a heading: short, not a sentence, not a 'Label: value' line. */
export function isHeadingText(text: string): boolean {
  const t = clean(text);
  return t !== '' && t.split(' ').length <= 8 && !/[.;]$/.test(t) && !/:\s*\S/.test(t);
}

function tabRow(p: Paragraph): Row {
  return { cells: p.text.split('\t').map((text): Cell => ({ paragraphs: [{ ...p, text }] })) };
}

export function layoutOf(doc: MinutesDocument): Layout {
  const grids: Grid[] = [];
  const loose: Loose[] = [];
  let heading: string | undefined;
  let open: Grid | undefined; // a run of tabbed paragraphs still growing
  let listed: Grid | undefined; // paragraphs under a section's heading, read as its rows
  let blank = false;
  doc.blocks.forEach((block, at) => {
    if (block.kind === 'table') {
      open = undefined;
      listed = undefined;
      grids.push({ at, rows: block.rows, ...(heading ? { title: heading } : {}) });
      heading = undefined;
      return;
    }
    const p = block.paragraph;
    if (p.text.includes('\t') && clean(p.text.replace(/\t/g, ' ')) !== '') {
      const row = tabRow(p);
      // After a blank line, the closing ('Next Meeting:', 'Signature:') is a table of its own.
      if (open && blank && isHeaderOrClosing(rowCells(row))) open = undefined;
      blank = false;
      listed = undefined;
      if (!open) {
        open = { at, rows: [], ...(heading ? { title: heading } : {}) };
        grids.push(open);
        heading = undefined;
      }
      open.rows.push(row);
      return;
    }
    if (clean(p.text) === '') {
      blank = true; // a blank line alone does not end a run of rows
      return;
    }
    blank = false;
    open = undefined;
    const text = clean(p.text);
    const named = sectionNamed(text);
    // A section written as paragraphs ('Actions Arising' then a line an action) until the next heading.
    if (
      heading &&
      !named &&
      !isHeaderOrClosing([text]) &&
      ['attendees', 'apologies', 'actions', 'deep-dives'].includes(sectionNamed(heading) ?? '')
    ) {
      listed = { at, rows: [], title: heading };
      grids.push(listed);
      heading = undefined;
    }
    if (listed && !named && !isHeaderOrClosing([text])) {
      listed.rows.push(tabRow(p));
      return;
    }
    listed = undefined;
    loose.push({ at, paragraph: p });
    heading = isHeadingText(p.text) ? text : undefined;
  });
  return { grids, loose };
}

/** A row's cells' text, one line each. */
export function rowCells(row: Row): string[] {
  return row.cells.map(cellLine);
}

/** The row's text on one line. */
export function rowText(row: Row): string {
  return rowCells(row)
    .filter((c) => c !== '')
    .join(' ');
}

/**
 * Where each named column is in a header row, by its words: names map a column to a test of its
 * header ('name' -> /^name$/). A cell naming two columns with an empty cell after it ('Name
 * Capacity' + '', a copy artefact) gives the second name to the empty cell.
 */
export function columnsOf<K extends string>(
  header: readonly string[],
  names: Record<K, RegExp>,
): Partial<Record<K, number>> {
  const cells = header.map(headerName);
  const found: Partial<Record<K, number>> = {};
  const keys = Object.keys(names) as K[];
  cells.forEach((cell, i) => {
    const whole = keys.find((k) => found[k] === undefined && names[k].test(cell));
    if (whole) {
      found[whole] = i;
      return;
    }
    // 'name capacity' followed by an empty cell: the first word is this column, the rest the next.
    const words = cell.split(' ');
    for (let cut = 1; cut < words.length; cut++) {
      const a = keys.find((k) => found[k] === undefined && names[k].test(words.slice(0, cut).join(' ')));
      const b = keys.find((k) => k !== a && found[k] === undefined && names[k].test(words.slice(cut).join(' ')));
      if (a && b && cells[i + 1] === '') {
        found[a] = i;
        found[b] = i + 1;
        return;
      }
    }
  });
  return found;
}
