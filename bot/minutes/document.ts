// The minutes as a neutral document: what the Word file and the text copied out of it have in
// common. The section readers see only this, never the file type. A Word table stays a table of
// cells, each cell its paragraphs; text outside tables is a run of paragraphs.

/** One paragraph: its text (tabs kept, runs of spaces kept), and whether it was bold or italic throughout. */
export interface Paragraph {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** The number Word draws before a list paragraph ('I.', 'ii.', '1.'), which is not in its text. */
  listLabel?: string;
}

/** A table cell: its paragraphs, in order (an empty cell has none, or one empty paragraph). */
export interface Cell {
  paragraphs: Paragraph[];
}

export interface Row {
  cells: Cell[];
}

export type Block = { kind: 'paragraph'; paragraph: Paragraph } | { kind: 'table'; rows: Row[] };

export interface MinutesDocument {
  /** Where it came from, for messages: 'docx' or 'text'. */
  source: 'docx' | 'text';
  blocks: Block[];
}

/** A cell's text: its paragraphs joined by newlines. */
export function cellText(cell: Cell | undefined): string {
  return (cell?.paragraphs ?? []).map((p) => p.text).join('\n');
}
