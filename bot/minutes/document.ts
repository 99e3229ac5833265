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
  /** Lines of copied text read as copy artefacts, not content (a page number): kept to be shown, never lost. */
  setAside?: SetAsideLine[];
}

export interface SetAsideLine {
  /** 1-based line of the text. */
  line: number;
  text: string;
  /** Why it is not content, in words ('a page number'). */
  reason: string;
}

/** Why a minutes file cannot be read, in one sentence a person can act on. */
export class MinutesFileError extends Error {}

/** The most minutes may hold, in either form: a year of long minutes is well under a tenth of each. */
export const MAX_MINUTES_CHARACTERS = 2_000_000;
export const MAX_MINUTES_PARAGRAPHS = 50_000;

/** Counts the paragraphs a reader builds, and refuses minutes over the limits as soon as they pass them. */
export class MinutesBudget {
  private paragraphs = 0;
  private characters = 0;

  /** One paragraph (with its text) or one table row (without). */
  count(text = ''): void {
    this.characters += text.length;
    if (++this.paragraphs > MAX_MINUTES_PARAGRAPHS)
      throw new MinutesFileError(
        `the minutes are too long to read: over ${MAX_MINUTES_PARAGRAPHS.toLocaleString('en-GB')} paragraphs and table rows`,
      );
    if (this.characters > MAX_MINUTES_CHARACTERS)
      throw new MinutesFileError(
        `the minutes are too long to read: over ${MAX_MINUTES_CHARACTERS.toLocaleString('en-GB')} characters of text`,
      );
  }
}

/** A cell's text: its paragraphs joined by newlines. */
export function cellText(cell: Cell | undefined): string {
  return (cell?.paragraphs ?? []).map((p) => p.text).join('\n');
}
